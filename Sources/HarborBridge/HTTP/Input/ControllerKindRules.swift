/// The per-kind rules of `CreateControllerRequest` and `ReplaceControllerRequest`
/// (schema `ControllerKindRules`): which connection fields a kind needs and
/// refuses, which protocols it takes, and each protocol's address and locker
/// limits. Runs after the properties passed their own rules, so types are known.
enum ControllerKindRules {
    private struct KindRule {
        let required: [String]
        let forbidden: [String]
        let protocols: [ControllerProtocol]
    }

    private static let busProtocols: [ControllerProtocol] = [.cuXor, .kerongCU16, .kerongCU48, .modbusRelay]

    private static func rule(for kind: ControllerKind) -> KindRule {
        switch kind {
        case .serial:
            KindRule(
                required: ["device", "baudRate", "address"],
                forbidden: ["host", "port", "chip", "lines", "doorLines", "activeLow"], protocols: busProtocols)
        case .tcp:
            KindRule(
                required: ["host", "port", "address"],
                forbidden: ["device", "baudRate", "chip", "lines", "doorLines", "activeLow"], protocols: busProtocols)
        case .gpio:
            KindRule(
                required: ["chip", "lines"], forbidden: ["device", "baudRate", "host", "port", "address"],
                protocols: [.gpioRelay])
        case .simulated:
            KindRule(
                required: [],
                forbidden: ["device", "baudRate", "host", "port", "chip", "lines", "doorLines", "activeLow"],
                protocols: [.simulated])
        }
    }

    /// Limits of a protocol: bus addresses and lockers per board, as the codecs
    /// and the runtime enforce them (a simulated controller is a CU XOR board).
    private static func limits(of boardProtocol: ControllerProtocol) -> (address: ClosedRange<Int64>?, lockers: Int64?) {
        switch boardProtocol {
        case .cuXor, .simulated: (1...31, 50)
        case .kerongCU16: (0...15, 16)
        case .kerongCU48: (0...15, 48)
        case .modbusRelay: (1...247, nil)
        case .gpioRelay: (nil, nil)
        }
    }

    /// Checks missing, then refused fields, then the protocol, then its limits,
    /// then the GPIO line counts, so the first problem reported is stable.
    static func check(_ object: [String: JSONValue]) throws(APIError) {
        guard case let .string(kindName)? = object["kind"], let kind = ControllerKind(rawValue: kindName),
              case let .string(protocolName)? = object["protocol"],
              let boardProtocol = ControllerProtocol(rawValue: protocolName)
        else { return }
        let rule = rule(for: kind)
        if let missing = rule.required.first(where: { object[$0] == nil }) {
            throw .validationFailed("\(missing) is required for kind \(kind.rawValue).", field: BodySchema.pointer(missing))
        }
        if let refused = rule.forbidden.first(where: { object[$0] != nil }) {
            throw .validationFailed(
                "\(refused) is not allowed for kind \(kind.rawValue).", field: BodySchema.pointer(refused))
        }
        guard rule.protocols.contains(boardProtocol) else {
            let allowed = rule.protocols.map(\.rawValue).joined(separator: ", ")
            throw .validationFailed("Kind \(kind.rawValue) takes protocol \(allowed).", field: "/protocol")
        }
        let limits = limits(of: boardProtocol)
        if let range = limits.address, case let .integer(address)? = object["address"], !range.contains(address) {
            throw .validationFailed(
                "address must be between \(range.lowerBound) and \(range.upperBound) for \(protocolName).",
                field: "/address")
        }
        if let most = limits.lockers, case let .integer(count)? = object["lockerCount"], count > most {
            throw .validationFailed("lockerCount must be at most \(most) for \(protocolName).", field: "/lockerCount")
        }
        try checkLines(object)
    }

    /// Line i drives channel i, so there must be a line per locker, and no more
    /// door switches than lines.
    private static func checkLines(_ object: [String: JSONValue]) throws(APIError) {
        guard case let .array(lines)? = object["lines"] else { return }
        if case let .integer(count)? = object["lockerCount"], lines.count < count {
            throw .validationFailed("lines must have at least lockerCount (\(count)) entries.", field: "/lines")
        }
        if case let .array(doorLines)? = object["doorLines"], doorLines.count > lines.count {
            throw .validationFailed("doorLines must not have more entries than lines.", field: "/doorLines")
        }
    }
}
