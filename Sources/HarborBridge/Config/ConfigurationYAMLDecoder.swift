import Yams

/// Reads the YAML configuration file into `Decodable` types.
///
/// Yams' `YAMLDecoder` always parses with a tag resolver whose rules are
/// NSRegularExpressions; compiling and matching them maps Foundation's regex engine
/// and ICU data into a gateway that otherwise never needs them. The tags are not
/// needed: each field says which type it wants, and the scalar is read as that type
/// by the same rules as Yams' constructors (see `ConfigurationScalar`). So this
/// parses with `Resolver.basic`, which has no rules.
///
/// Scope: mappings with scalar keys (unknown keys ignored, the last of a duplicated
/// key wins), sequences, scalars, anchors and aliases (the parser resolves them).
/// Merge keys (`<<`) are refused with the mapping's path rather than ignored.
struct ConfigurationYAMLDecoder {
    /// Decodes one YAML document; an empty file is an empty scalar, as for `YAMLDecoder`.
    func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws(DecodingError) -> Value {
        let root: Node
        do {
            // The tag is never read; it is given in full so no default resolver is built.
            root = try Parser(yaml: text, resolver: .basic).singleRoot()
                ?? .scalar(Node.Scalar("", Tag(.implicit, .basic, .default), .any))
        } catch {
            throw .dataCorrupted(.init(codingPath: [], debugDescription: "The given data was not valid YAML.",
                                       underlyingError: error))
        }
        do {
            return try ConfigurationNodeDecoder(node: root, codingPath: []).decode(type)
        } catch let error as DecodingError {
            throw error
        } catch {
            throw .dataCorrupted(.init(codingPath: [], debugDescription: "\(error)", underlyingError: error))
        }
    }
}

/// Decodes one node of the configuration file; containers hand out one per child.
struct ConfigurationNodeDecoder: Decoder, SingleValueDecodingContainer {
    let node: Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node else { throw mismatch(type, expected: "a mapping") }
        return KeyedDecodingContainer(try ConfigurationMappingContainer<Key>(decoder: self, mapping: mapping))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let sequence) = node else { throw mismatch([Any].self, expected: "a sequence") }
        return ConfigurationSequenceContainer(decoder: self, items: Array(sequence))
    }

    func singleValueContainer() -> any SingleValueDecodingContainer { self }

    /// The decoder of a mapping value or sequence item.
    func child(_ node: Node, at key: any CodingKey) -> ConfigurationNodeDecoder {
        ConfigurationNodeDecoder(node: node, codingPath: codingPath + [key])
    }

    func decodeNil() -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return ConfigurationScalar(scalar).isNull
    }

    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        if let value = try constructed(type) { return value }
        return try Value(from: self)
    }

    /// The scalar types Yams constructs itself; `nil` for every other type, which then
    /// decodes itself from this decoder (structs, enums with raw values, arrays).
    private func constructed<Value>(_ type: Value.Type) throws(DecodingError) -> Value? {
        switch type {
        case is String.Type: return try scalar(type).text as? Value
        case is Bool.Type: return try read(type) { $0.bool } as? Value
        case is Double.Type: return try read(type) { $0.floatingPoint(Double.self) } as? Value
        case is Float.Type: return try read(type) { $0.floatingPoint(Float.self) } as? Value
        case is Int.Type: return try read(type) { $0.signed(Int.self) } as? Value
        case is Int8.Type: return try read(type) { $0.signed(Int8.self) } as? Value
        case is Int16.Type: return try read(type) { $0.signed(Int16.self) } as? Value
        case is Int32.Type: return try read(type) { $0.signed(Int32.self) } as? Value
        case is Int64.Type: return try read(type) { $0.signed(Int64.self) } as? Value
        case is Int128.Type: return try read(type) { $0.signed(Int64.self).map { Int128($0) } } as? Value
        case is UInt.Type: return try read(type) { $0.unsigned(UInt.self) } as? Value
        case is UInt8.Type: return try read(type) { $0.unsigned(UInt8.self) } as? Value
        case is UInt16.Type: return try read(type) { $0.unsigned(UInt16.self) } as? Value
        case is UInt32.Type: return try read(type) { $0.unsigned(UInt32.self) } as? Value
        case is UInt64.Type: return try read(type) { $0.unsigned(UInt64.self) } as? Value
        case is UInt128.Type: return try read(type) { $0.unsigned(UInt64.self).map { UInt128($0) } } as? Value
        default: return nil
        }
    }

    private func read<Value>(
        _ type: Any.Type, _ rule: (ConfigurationScalar) -> Value?
    ) throws(DecodingError) -> Value {
        let scalar = try scalar(type)
        guard let value = rule(scalar) else {
            throw mismatch(type, expected: "\(type)")
        }
        return value
    }

    private func scalar(_ type: Any.Type) throws(DecodingError) -> ConfigurationScalar {
        guard case .scalar(let scalar) = node else { throw mismatch(type, expected: "\(type)") }
        return ConfigurationScalar(scalar)
    }

    /// A type mismatch naming the field's path, what was found and where.
    func mismatch(_ type: Any.Type, expected: String) -> DecodingError {
        let found = switch node {
        case .scalar(let scalar) where scalar.style == .plain: "the scalar \"\(scalar.string)\""
        case .scalar(let scalar) where scalar.style == .any: "an empty document"
        case .scalar(let scalar): "the quoted or block scalar \"\(scalar.string)\""
        case .mapping: "a mapping"
        case .sequence: "a sequence"
        }
        let place = node.mark.map { " at line \($0.line), column \($0.column)" } ?? ""
        return .typeMismatch(type, .init(
            codingPath: codingPath,
            debugDescription: "\(ConfigurationCodingKey.path(codingPath)): expected \(expected), found \(found)\(place)"))
    }
}
