import HarborDrivers

/// The Admin API's request bodies as their schemas in the document define them.
extension BodySchema {
    /// The serial line speeds of schema `BaudRate`.
    static let baudRates: [Int64] = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115_200, 230_400]

    /// The properties `CreateControllerRequest` and `ReplaceControllerRequest` share.
    static let controllerHardware: [Property] = [
        .init(name: "name", rule: .string(length: 1...64)),
        .init(name: "kind", rule: .oneOf(ControllerKind.allCases.map(\.rawValue))),
        .init(name: "protocol", rule: .oneOf(ControllerProtocol.allCases.map(\.rawValue))),
        .init(name: "device", rule: .string(length: 1...Int.max)),
        .init(name: "baudRate", rule: .integerOneOf(baudRates)),
        .init(name: "address", rule: .integer(0...247)),
        .init(name: "host", rule: .string(length: 1...Int.max)),
        .init(name: "port", rule: .integer(1...65535)),
        .init(name: "chip", rule: .string(length: 1...Int.max)),
        .init(name: "lines", rule: .strings(count: 1...64, length: 1...Int.max)),
        .init(name: "doorLines", rule: .strings(count: 1...64, length: 1...Int.max)),
        .init(name: "activeLow", rule: .boolean),
        .init(name: "pulseMs", rule: .integer(50...5000)),
        .init(name: "feedbackPolarity", rule: .oneOf(FeedbackPolarity.allCases.map(\.rawValue))),
        .init(name: "serial", rule: .string(length: 1...128)),
    ]
}

extension CreateControllerRequest: ValidatedRequestBody {
    static let schema = BodySchema(
        BodySchema.controllerHardware + [.init(name: "lockerCount", rule: .integer(1...64))],
        required: ["kind", "protocol", "lockerCount"])

    static func checkRelations(_ object: [String: JSONValue]) throws(APIError) {
        try ControllerKindRules.check(object)
    }
}

extension ReplaceControllerRequest: ValidatedRequestBody {
    static let schema = BodySchema(BodySchema.controllerHardware, required: ["kind", "protocol"])

    static func checkRelations(_ object: [String: JSONValue]) throws(APIError) {
        try ControllerKindRules.check(object)
    }
}

extension UpdateControllerRequest: ValidatedRequestBody {
    static let schema = BodySchema(
        [
            .init(name: "name", rule: .string(length: 1...64)),
            .init(name: "address", rule: .integer(0...247)),
            .init(name: "device", rule: .string(length: 1...Int.max)),
            .init(name: "baudRate", rule: .integerOneOf(BodySchema.baudRates)),
            .init(name: "host", rule: .string(length: 1...Int.max)),
            .init(name: "port", rule: .integer(1...65535)),
            .init(name: "pulseMs", rule: .nullable(.integer(50...5000))),
            .init(name: "feedbackPolarity", rule: .oneOf(FeedbackPolarity.allCases.map(\.rawValue))),
            .init(name: "activeLow", rule: .boolean),
            .init(name: "lines", rule: .strings(count: 1...64, length: 1...Int.max)),
            .init(name: "doorLines", rule: .nullable(.strings(count: 1...64, length: 1...Int.max))),
        ],
        minProperties: 1)
}

extension AdjustLockerCountRequest: ValidatedRequestBody {
    static let schema = BodySchema([.init(name: "lockerCount", rule: .integer(0...64))], required: ["lockerCount"])
}

extension ScanRequest: ValidatedRequestBody {
    static let schema = BodySchema([
        .init(name: "mdns", rule: .boolean),
        .init(name: "serial", rule: .boolean),
        .init(name: "timeoutMs", rule: .integer(500...10000)),
    ])

    /// A scan of nothing is a mistake, not an empty result.
    static func checkRelations(_ object: [String: JSONValue]) throws(APIError) {
        if object["mdns"] == .bool(false), object["serial"] == .bool(false) {
            throw .validationFailed("At least one of mdns and serial must be true.", field: "/mdns")
        }
    }
}

extension UpdateLockerServiceStateRequest: ValidatedRequestBody {
    static let schema = BodySchema(
        [
            .init(name: "outOfService", rule: .boolean),
            .init(name: "reasonCode", rule: .nullable(.oneOf(LockerReasonCode.allCases.map(\.rawValue)))),
            .init(name: "reason", rule: .nullable(.string(length: 0...500))),
        ],
        required: ["outOfService"])
}

extension ChangePasswordRequest: ValidatedRequestBody {
    static let schema = BodySchema(
        [
            .init(name: "currentPassword", rule: .string(length: 1...1024)),
            .init(name: "newPassword", rule: .string(length: AdminCredentials.newPasswordLength)),
        ],
        required: ["currentPassword", "newPassword"])
}
