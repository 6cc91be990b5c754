import Foundation
import GRDB
import Hummingbird

/// `harbor-baseline`: the yardstick `harbor-bench compare` measures the gateway
/// against. A bare Hummingbird 2 server with a GRDB database open (WAL, one table,
/// one query at start), serving fixed response bytes the benchmark captured from
/// the gateway: what any Hummingbird + GRDB service costs before it does any work.
/// Deliberately nothing else: no gateway code, no logging set-up, no services.
///
/// Usage: harbor-baseline --port N --data-dir DIR --lockers-body FILE --open-body FILE
@main
struct HarborBaseline {
    static func main() async throws {
        let options = try BaselineOptions(CommandLine.arguments.dropFirst())
        let lockersBody = ByteBuffer(bytes: try Data(contentsOf: URL(fileURLWithPath: options.lockersBody)))
        let openBody = ByteBuffer(bytes: try Data(contentsOf: URL(fileURLWithPath: options.openBody)))

        try FileManager.default.createDirectory(atPath: options.dataDirectory, withIntermediateDirectories: true)
        let database = try DatabasePool(path: options.dataDirectory + "/baseline.sqlite")
        try await database.write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS locker (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        }
        _ = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM locker") }

        let json: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        let router = Router()
        router.get("/health") { _, _ in
            Response(status: .ok, headers: json, body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        router.get("/lockers") { _, _ in
            Response(status: .ok, headers: json, body: .init(byteBuffer: lockersBody))
        }
        router.post("/lockers/{id}/open") { _, _ in
            Response(status: .ok, headers: json, body: .init(byteBuffer: openBody))
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: options.port), serverName: "harbor-baseline"),
            onServerRunning: { channel in
                let line = "ready: listening on http://127.0.0.1:\(channel.localAddress?.port ?? options.port)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            })
        try await app.runService()
        try database.close()
    }
}

/// The four settings, from `--name value` pairs.
struct BaselineOptions {
    var port = 0
    var dataDirectory = ""
    var lockersBody = ""
    var openBody = ""

    init(_ arguments: ArraySlice<String>) throws {
        var rest = arguments
        while let name = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BaselineUsage("\(name) needs a value") }
            switch name {
            case "--port": port = Int(value) ?? -1
            case "--data-dir": dataDirectory = value
            case "--lockers-body": lockersBody = value
            case "--open-body": openBody = value
            default: throw BaselineUsage("unknown option \(name)")
            }
        }
        guard port >= 0, !dataDirectory.isEmpty, !lockersBody.isEmpty, !openBody.isEmpty else {
            throw BaselineUsage("usage: harbor-baseline --port N --data-dir DIR --lockers-body FILE --open-body FILE")
        }
    }
}

struct BaselineUsage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
