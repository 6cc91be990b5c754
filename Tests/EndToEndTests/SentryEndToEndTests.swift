import Foundation
import Glibc
import Testing

/// Sentry against a local receiver (`Support/sentry_receiver.py`): the test event
/// reaches it as an envelope the official Python SDK parses, with the fields and the
/// auth header Sentry needs; with the receiver down the event waits in the bridge's
/// queue and arrives once a receiver listens on the same port again.
@Suite(.serialized) struct SentryEndToEndTests {
    /// The receiver script, written out once per run (a `.py` file in the test
    /// target would be an unhandled resource of the package).
    static let script: String = {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("harbor-sentry-receiver-\(UUID().uuidString).py").path
        try? receiverSource.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }()

    @Test func testEventReachesTheReceiverAndWaitsWhileItIsDown() async throws {
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-sentry-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: saved) }
        var receiver = try await SentryReceiver(port: 0, directory: saved)
        let port = receiver.port
        defer { if receiver.process.isRunning { receiver.process.terminate() } }
        let bridge = try await BridgeProcess(configuration: """
            simulate: true
            adminPassword: e2e-admin-password-123
            sentryDsn: http://publickey@127.0.0.1:\(port)/42
            sentryEnvironment: e2e
            """, apiKey: "e2e-key-0123456789abcdef")
        let login = try await bridge.send("POST", "/auth/login", basic: ("admin", "e2e-admin-password-123"))
        let token = try #require(login.json["token"] as? String)
        let admin = ["X-Session-Token": token]

        let test = try await bridge.send("POST", "/diagnostics/sentry-test", headers: admin)
        #expect(test.status == 200, "\(test.json)")
        #expect(test.json["success"] as? Bool == true)
        let eventId = try #require(test.json["eventId"] as? String)
        #expect(eventId.count == 32 && eventId.allSatisfy { "0123456789abcdef".contains($0) })

        let first = try #require(await receiver.waitForEnvelope(eventId: eventId))
        #expect(first.path == "/api/42/envelope/")
        #expect(first.headers["X-Sentry-Auth"]
            == "Sentry sentry_version=7, sentry_client=harbor-gateway/0.1.0, sentry_key=publickey")
        #expect(first.headers["Content-Type"] == "application/x-sentry-envelope")
        let parsed = try await SentryReceiver.parseWithSentrySDK(first.file)
        let header = try #require(parsed["headers"] as? [String: Any])
        #expect(header["event_id"] as? String == eventId)
        #expect(header["dsn"] as? String == "http://publickey@127.0.0.1:\(port)/42")
        let items = try #require(parsed["items"] as? [[String: Any]])
        #expect(items.count == 1)
        #expect((items.first?["headers"] as? [String: Any])?["type"] as? String == "event")
        let event = try #require(items.first?["event"] as? [String: Any])
        #expect(event["event_id"] as? String == eventId)
        #expect(event["platform"] as? String == "other")
        #expect(event["release"] as? String == "harbor-gateway@0.1.0")
        #expect(event["environment"] as? String == "e2e")
        #expect(event["server_name"] as? String == ProcessInfo.processInfo.hostName)
        #expect((event["tags"] as? [String: String])?["code"] == "SENTRY_TEST")
        #expect(!((event["breadcrumbs"] as? [Any]) ?? []).isEmpty)

        await receiver.stop()
        let offline = try await bridge.send("POST", "/diagnostics/sentry-test", headers: admin)
        #expect(offline.status == 503)
        #expect(offline.json["code"] as? String == "SENTRY_UNREACHABLE")
        let waiting = try #require((offline.json["details"] as? [String: Any])?["eventId"] as? String)

        receiver = try await SentryReceiver(port: port, directory: saved)
        let late = try #require(await receiver.waitForEnvelope(eventId: waiting, within: .seconds(20)))
        let lateEvent = try #require(
            (try await SentryReceiver.parseWithSentrySDK(late.file)["items"] as? [[String: Any]])?.first?["event"]
                as? [String: Any])
        #expect(lateEvent["event_id"] as? String == waiting)
        _ = try await bridge.terminate()
    }
}

/// The python receiver playing Sentry, and what it saved.
struct SentryReceiver {
    struct Received {
        let file: String
        let path: String
        let headers: [String: String]
    }

    let process: Process
    let port: Int
    let directory: URL
    /// Kept so the pipe's descriptor stays open while the test reads it.
    let output: FileHandle

    init(port: Int, directory: URL) async throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", SentryEndToEndTests.script, "serve", "\(port)", directory.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        output = pipe.fileHandleForReading
        let fd = output.fileDescriptor
        let deadline = ContinuousClock.now + .seconds(10)
        let text = await offThePool { readOutput(fd, untilContains: "\n", deadline: deadline) }
        guard let bound = text.split(separator: " ").last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        else {
            process.terminate()
            throw BridgeStartError(output: "sentry receiver: \(text)")
        }
        self.port = bound
        self.directory = directory
    }

    /// SIGTERM, then waits (polling: `waitUntilExit` needs a run loop) until the port is free again.
    func stop() async {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
    }

    /// The saved envelope of `eventId`, once it has arrived.
    func waitForEnvelope(eventId: String, within limit: Duration = .seconds(10)) async -> Received? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names.filter({ $0.hasSuffix(".envelope") }).sorted() {
                let file = directory.appendingPathComponent(name)
                guard let body = try? Data(contentsOf: file),
                      String(decoding: body.prefix(200), as: UTF8.self).contains(eventId),
                      let meta = try? Data(contentsOf: file.deletingPathExtension().appendingPathExtension("headers.json")),
                      let json = (try? JSONSerialization.jsonObject(with: meta)) as? [String: Any]
                else { continue }
                return Received(
                    file: file.path, path: json["path"] as? String ?? "",
                    headers: json["headers"] as? [String: String] ?? [:])
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// The envelope as `sentry_sdk.envelope.Envelope.deserialize` reads it.
    static func parseWithSentrySDK(_ file: String) async throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let output = file + ".parsed.json"
        process.arguments = ["python3", SentryEndToEndTests.script, "parse", file, output]
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}

/// `serve PORT DIR` plays Sentry; `parse FILE OUT` reads an envelope with the official SDK.
let receiverSource = #"""
#!/usr/bin/env python3
"""Plays Sentry for the end-to-end tests.

serve PORT DIR: accepts POST /api/<project>/envelope/ on 127.0.0.1:PORT (0 picks a
free port), saves each body to DIR/<n>.envelope and its headers to
DIR/<n>.headers.json, answers 200, and prints "listening <port>" once bound.

parse FILE OUT: reads a saved envelope with the official Sentry SDK
(sentry_sdk.envelope.Envelope.deserialize) and writes its headers and items as JSON to OUT.
"""
import json
import os
import signal
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


def serve(port, directory):
    # The test runner blocks SIGTERM and its children inherit that: take it back
    # so the test can stop the receiver.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.makedirs(directory, exist_ok=True)

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            count = len([n for n in os.listdir(directory) if n.endswith(".envelope")])
            stem = os.path.join(directory, "%04d" % count)
            with open(stem + ".headers.json", "w") as out:
                json.dump({"path": self.path, "headers": dict(self.headers.items())}, out)
            # Written under a temporary name first so the test never reads half a file.
            with open(stem + ".tmp", "wb") as out:
                out.write(body)
            os.rename(stem + ".tmp", stem + ".envelope")
            answer = b'{"id":"accepted"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", port), Receiver)
    print("listening %d" % server.server_address[1], flush=True)
    server.serve_forever()


def parse(path, output):
    try:
        from sentry_sdk.envelope import Envelope
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--user", "sentry-sdk"],
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        from sentry_sdk.envelope import Envelope
    with open(path, "rb") as source:
        envelope = Envelope.deserialize(source.read())
    items = [{"headers": item.headers, "event": item.payload.json} for item in envelope.items]
    with open(output, "w") as out:
        json.dump({"headers": envelope.headers, "items": items}, out)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(int(sys.argv[2]), sys.argv[3])
    else:
        parse(sys.argv[2], sys.argv[3])
"""#
