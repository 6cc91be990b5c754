import Yams

/// The fields of one mapping of the configuration file.
struct ConfigurationMappingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    private let decoder: ConfigurationNodeDecoder
    /// Scalar keys in file order; a mapping or sequence used as a key cannot name a field.
    private let entries: [(name: String, value: Node)]

    init(decoder: ConfigurationNodeDecoder, mapping: Node.Mapping) throws(DecodingError) {
        self.decoder = decoder
        var entries: [(name: String, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { continue }
            // YAMLDecoder would merge the aliased mapping in; ignoring the key would
            // silently drop those fields, so the file is refused instead.
            if scalar.string == "<<", scalar.style == .plain {
                let place = scalar.mark.map { " at line \($0.line), column \($0.column)" } ?? ""
                throw .dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "\(ConfigurationCodingKey.path(decoder.codingPath)): "
                        + "merge keys (<<) are not supported in the configuration file\(place)"))
            }
            entries.append((scalar.string, value))
        }
        self.entries = entries
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { entries.compactMap { Key(stringValue: $0.name) } }

    func contains(_ key: Key) -> Bool { value(for: key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try child(for: key).decodeNil() }

    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try child(for: key).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try child(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { try child(for: ConfigurationCodingKey(stringValue: "super")) }

    func superDecoder(forKey key: Key) throws -> any Decoder { try child(for: key) }

    /// Like YAMLDecoder, the last of a duplicated key wins.
    private func value(for key: any CodingKey) -> Node? {
        entries.last { $0.name == key.stringValue }?.value
    }

    private func child(for key: any CodingKey) throws(DecodingError) -> ConfigurationNodeDecoder {
        guard let node = value(for: key) else {
            throw .keyNotFound(key, .init(
                codingPath: codingPath,
                debugDescription: "\(ConfigurationCodingKey.path(codingPath + [key])): is required"))
        }
        return decoder.child(node, at: key)
    }
}

/// The items of one sequence of the configuration file.
struct ConfigurationSequenceContainer: UnkeyedDecodingContainer {
    private let decoder: ConfigurationNodeDecoder
    private let items: [Node]
    private(set) var currentIndex = 0

    init(decoder: ConfigurationNodeDecoder, items: [Node]) {
        self.decoder = decoder
        self.items = items
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    /// Moves past the item only when it is null, as `UnkeyedDecodingContainer` asks.
    mutating func decodeNil() throws -> Bool {
        let isNull = try current(Never.self).decodeNil()
        if isNull { currentIndex += 1 }
        return isNull
    }

    mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        let value = try current(type).decode(type)
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try current(type).container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try current([Any].self).unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = try current(Any.self)
        currentIndex += 1
        return decoder
    }

    private func current(_ type: Any.Type) throws(DecodingError) -> ConfigurationNodeDecoder {
        let key = ConfigurationCodingKey(intValue: currentIndex)
        guard !isAtEnd else {
            throw .valueNotFound(type, .init(
                codingPath: codingPath + [key],
                debugDescription: "\(ConfigurationCodingKey.path(codingPath + [key])): the sequence has only \(items.count) items"))
        }
        return decoder.child(items[currentIndex], at: key)
    }
}

/// A sequence index or a fixed key on a coding path.
struct ConfigurationCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = "Index \(intValue)"
        self.intValue = intValue
    }

    /// The path as an operator writes it, e.g. `controllers[0].lockerCount`; `(top level)` when empty.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var path = ""
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path.isEmpty ? "(top level)" : path
    }
}
