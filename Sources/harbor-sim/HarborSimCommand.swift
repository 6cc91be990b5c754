import ArgumentParser
import Dispatch
import Glibc
import HarborDrivers

/// `harbor-sim`: simulated lock-control boards on a pseudo-terminal or TCP port.
struct HarborSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harbor-sim",
        abstract: "Simulate lock-control boards on a pseudo-terminal and/or a TCP port.",
        discussion: """
            Runs until SIGINT or SIGTERM. Prints one line per endpoint, 'harbor-sim: advertised NAME._harbor-lock._tcp.local \
            on ADDR:PORT' with --advertise, then 'harbor-sim: ready (K boards)'. Every protocol violation by the host \
            (noise, a garbled or truncated frame, a command sent before the previous reply left the wire) is a \
            {"event":"violation",...} JSON line on stderr and in the frame log; at exit a {"event":"summary",...} \
            line on stderr counts frames, replies, unlocks and violations.
            """
    )

    @Option(name: .customLong("board"), help: "PROTOCOL:ADDRESS[:CHANNELS]; protocols: cu-xor, kerong-cu16, kerong-cu48, modbus-relay.")
    var boards: [String] = []

    @Flag(name: .customLong("pty"), help: "Serve on a pseudo-terminal (the default without --tcp-port).")
    var pseudoTerminal = false

    @Option(name: .customLong("link"), help: "Symlink to the pseudo-terminal, removed on exit (implies --pty).")
    var link: String?

    @Option(name: .customLong("tcp-port"), help: "Serve on this TCP port (0 = any free port).")
    var tcpPort: Int?

    @Option(name: .customLong("bind"), help: "Host the TCP port listens on.")
    var bindHost = "127.0.0.1"

    @Option(name: .customLong("polarity"), help: "Feedback polarity: set-closed or set-open.")
    var polarity = FeedbackPolarity.setMeansClosed.rawValue

    @Option(name: .customLong("door-close-after"), help: "Seconds until a fired door closes again (0 = stays open).")
    var doorCloseAfter = 2.0

    @Option(name: .customLong("latency-ms"), help: "Reply latency in milliseconds.")
    var latencyMilliseconds = 0

    @Option(name: .customLong("silent"), parsing: .upToNextOption, help: "Board addresses that act but never reply.")
    var silentAddresses: [Int] = []

    @Flag(name: .customLong("noise"), help: "Send FA FD 99 99 before every reply.")
    var noise = false

    @Option(name: .customLong("noise-hex"), help: "Send these bytes before every reply, e.g. \"AA BB\".")
    var noiseHex: String?

    @Flag(name: .customLong("corrupt-checksums"), help: "Flip the last byte of every reply.")
    var corruptChecksums = false

    @Option(name: .customLong("drop-every"), help: "Do not send every Nth reply (the command still acts).")
    var dropEvery: Int?

    @Option(name: .customLong("vanish-after-frames"), help: "Close the line without replying after N frames, then exit.")
    var vanishAfterFrames: Int?

    @Option(name: .customLong("wire-baud"), help: "Emulate the byte timing of a line at this baud rate: a request is taken after its wire time, reply bytes are paced.")
    var wireBaud: Int?

    @Option(name: .customLong("frame-log"), help: "Write one JSON line per frame to this file.")
    var frameLog: String?

    @Flag(name: .customLong("quiet"), help: "Do not print frames on stderr (protocol violations and the exit summary still are).")
    var quiet = false

    @OptionGroup(title: "mDNS advertising")
    var advertising: AdvertiseOptions

    func validate() throws {
        _ = try lineSpecification()
        _ = try faults()
        guard FeedbackPolarity(rawValue: polarity) != nil else {
            throw ValidationError("--polarity must be set-closed or set-open, not '\(polarity)'")
        }
        guard doorCloseAfter >= 0, doorCloseAfter.isFinite else {
            throw ValidationError("--door-close-after must be 0 or more seconds")
        }
        if let tcpPort, !(0...65535).contains(tcpPort) {
            throw ValidationError("--tcp-port must be 0...65535")
        }
        try advertising.check(tcpPort: tcpPort)
    }

    func run() throws {
        let closeAfter: Duration? = doorCloseAfter > 0 ? .milliseconds(Int64((doorCloseAfter * 1000).rounded())) : nil
        let feedback = FeedbackPolarity(rawValue: polarity) ?? .setMeansClosed
        let specifications = try lineSpecification()
        let line = SimulatedLine(
            boards: specifications.map {
                SimulatedBoards.make(protocol: $0.boardProtocol, address: $0.address, channelCount: $0.channelCount,
                                     polarity: feedback, closeAfter: closeAfter)
            },
            faults: try faults())
        let options = SimulatorServerOptions(
            pseudoTerminal: pseudoTerminal || link != nil || tcpPort == nil,
            linkPath: link, tcpPort: tcpPort, bindHost: bindHost, frameLogPath: frameLog)
        let finished = DispatchSemaphore(value: 0)
        let quiet = quiet
        let server = BoardSimulatorServer(
            line: line, options: options,
            onFrame: { entry in if !quiet { Console.write(entry.consoleLine, to: STDERR_FILENO) } },
            onVanish: { finished.signal() },
            onViolation: { entry in Console.write(entry.jsonLine, to: STDERR_FILENO) })
        // Watch the signals before anything exists to clean up, so no SIGTERM can
        // kill the process with the default handler and leave the link behind.
        let signals = SignalWatch(signals: [SIGINT, SIGTERM]) { finished.signal() }
        do {
            try server.start()
        } catch {
            Console.write("harbor-sim: \(error.description)", to: STDERR_FILENO)
            throw ExitCode.failure
        }
        var responder: MDNSResponder?
        if advertising.enabled, let board = specifications.first, let port = server.endpoints.tcpPort {
            let advertiser = advertising.responder(first: board, port: port)
            do {
                try advertiser.start()
            } catch {
                Console.write("harbor-sim: \(error.description)", to: STDERR_FILENO)
                server.stop()
                throw ExitCode.failure
            }
            responder = advertiser
        }
        Console.announce(server.endpoints, boardCount: specifications.count, advertised: responder)
        finished.wait()
        signals.cancel()
        if server.hasVanished {
            Console.write("harbor-sim: line vanished", to: STDOUT_FILENO)
        }
        // The goodbye first, so browsers forget the controller before it stops answering.
        responder?.stop()
        server.stop()
        // After the loop has ended, so the counts are final.
        Console.write(server.counters.summaryJSONLine, to: STDERR_FILENO)
    }

    private func lineSpecification() throws -> [SimulatedBoardSpecification] {
        do {
            let specifications = try boards.map(SimulatedBoardSpecification.init(parsing:))
            try SimulatedBoardSpecification.checkLine(specifications)
            return specifications
        } catch {
            throw ValidationError(error.description)
        }
    }

    private func faults() throws -> SimulatorFaults {
        var noiseBytes = noise ? SimulatorFaults.cuBoardNoise : []
        if let noiseHex {
            guard let bytes = Hex.bytes(noiseHex), !bytes.isEmpty else {
                throw ValidationError("--noise-hex '\(noiseHex)' is not hex bytes like \"FA FD\"")
            }
            noiseBytes = bytes
        }
        guard latencyMilliseconds >= 0 else { throw ValidationError("--latency-ms must be 0 or more") }
        for (name, value) in [("--drop-every", dropEvery), ("--vanish-after-frames", vanishAfterFrames),
                              ("--wire-baud", wireBaud)] {
            if let value, value < 1 { throw ValidationError("\(name) must be 1 or more") }
        }
        return SimulatorFaults(
            replyLatency: .milliseconds(latencyMilliseconds), silentAddresses: Set(silentAddresses),
            noiseBeforeReply: noiseBytes, corruptChecksums: corruptChecksums, dropEveryNthReply: dropEvery,
            vanishAfterFrames: vanishAfterFrames, wireBaud: wireBaud)
    }
}
