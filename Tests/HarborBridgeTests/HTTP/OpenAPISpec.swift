import Foundation
import HarborBridge
import Yams

/// `openapi/harbor-gateway.yaml`, loaded with Yams into `JSONValue`s so that
/// tests can compare it with the route table and check answers against it.
struct OpenAPISpec {
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The repository root, found from this file's path (Tests/HarborBridgeTests/HTTP/…).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let documentURL = repositoryRoot.appendingPathComponent("openapi/harbor-gateway.yaml")

    /// Loaded once: parsing 3000 lines of YAML per test would slow the suite down.
    static let shared: Result<OpenAPISpec, SpecError> = {
        do {
            let text = try String(contentsOf: documentURL, encoding: .utf8)
            guard let root = try Yams.load(yaml: text) else { return .failure(SpecError("empty document")) }
            return .success(OpenAPISpec(root: try convert(root)))
        } catch let error as SpecError {
            return .failure(error)
        } catch {
            return .failure(SpecError("cannot load \(documentURL.path): \(error)"))
        }
    }()

    static func load() throws -> OpenAPISpec { try shared.get() }

    let root: JSONValue

    struct SpecError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    struct Operation {
        let method: String
        let path: String
        let body: [String: JSONValue]
    }

    /// Every operation of the document.
    var operations: [Operation] {
        guard case let .object(paths)? = root["paths"] else { return [] }
        return paths.sorted { $0.key < $1.key }.flatMap { path, item -> [Operation] in
            guard case let .object(entries) = item else { return [] }
            return Self.methods.compactMap { method in
                guard case let .object(body)? = entries[method] else { return nil }
                return Operation(method: method.uppercased(), path: path, body: body)
            }
        }
    }

    func operation(_ method: String, _ path: String) -> Operation? {
        operations.first { $0.method == method && $0.path == path }
    }

    /// A component schema by name.
    func schema(named name: String) -> JSONValue? {
        root["components"]?["schemas"]?[name]
    }

    /// Follows `#/…` references inside the document.
    func resolve(_ value: JSONValue) -> JSONValue {
        guard case let .string(reference)? = value["$ref"], reference.hasPrefix("#/") else { return value }
        var node: JSONValue? = root
        for token in reference.dropFirst(2).split(separator: "/") {
            node = node?[String(token)]
        }
        return node.map(resolve) ?? value
    }

    /// The JSON schema of one documented answer of an operation.
    func responseSchema(_ method: String, _ path: String, status: Int) -> JSONValue? {
        guard let operation = operation(method, path),
              let response = operation.body["responses"]?[String(status)]
        else { return nil }
        return resolve(response)["content"]?["application/json"]?["schema"]
    }

    private static func convert(_ value: Any) throws -> JSONValue {
        switch value {
        case is NSNull: return .null
        case let value as Bool: return .bool(value)
        case let value as Int: return .integer(Int64(value))
        case let value as Double: return .number(value)
        case let value as String: return .string(value)
        case let value as Date: return .string(RFC3339.format(value))
        case let value as [Any]: return .array(try value.map(convert))
        case let value as [AnyHashable: Any]:
            var object: [String: JSONValue] = [:]
            for (key, element) in value {
                object["\(key.base)"] = try convert(element)
            }
            return .object(object)
        default: throw SpecError("unexpected YAML value \(type(of: value))")
        }
    }
}

extension JSONValue {
    /// The member of an object, or nil.
    subscript(key: String) -> JSONValue? {
        guard case let .object(object) = self else { return nil }
        return object[key]
    }

    var stringValue: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case let .array(value) = self { return value }
        return nil
    }

    var numberValue: Double? {
        switch self {
        case let .integer(value): Double(value)
        case let .number(value): value
        default: nil
        }
    }
}
