import Foundation
import Glibc
import Testing
@testable import HarborDrivers

@Suite struct SerialTransportTests {
    /// Every byte value, including the ones a cooked tty would eat or translate
    /// (0x03 INTR, 0x11/0x13 XON/XOFF, 0x0A/0x0D newline mapping).
    static let everyByte: [UInt8] = (0...255).map { UInt8($0) }

    @Test func rawModePassesEveryByteUnchangedBothWays() async throws {
        try await PseudoTerminalPair.withPair { pty in
            let transport = pty.transport(baudRate: 9600)
            try await transport.open()

            let controlBytes: [UInt8] = [0x03, 0x11, 0x13, 0x0A, 0x0D, 0x00, 0x7F]
            try await pty.send(controlBytes + Self.everyByte)
            let received = try await PseudoTerminalPair.collect(count: 263) { deadline async throws(TransportError) in
                try await transport.read(until: deadline)
            }
            #expect(received == controlBytes + Self.everyByte)

            try await transport.write(Self.everyByte + controlBytes)
            #expect(try await pty.receive(count: 263) == Self.everyByte + controlBytes)

            var settings = pty.lineSettings()
            #expect(cfgetispeed(&settings) == speed_t(B9600))
            #expect(cfgetospeed(&settings) == speed_t(B9600))
            #expect(settings.c_lflag & tcflag_t(ICANON | ECHO | ISIG) == 0)
            #expect(settings.c_iflag & tcflag_t(IXON | IXOFF | ICRNL) == 0)
            #expect(settings.c_cflag & tcflag_t(CSIZE) == tcflag_t(CS8))
            #expect(settings.c_cflag & tcflag_t(PARENB | CSTOPB) == 0)
            #expect(settings.c_cflag & tcflag_t(CRTSCTS) == 0)
            #expect(settings.c_cflag & tcflag_t(CLOCAL | CREAD) == tcflag_t(CLOCAL | CREAD))
        }
    }

    @Test func unsupportedBaudRateIsRefusedBeforeOpening() async throws {
        try await PseudoTerminalPair.withPair { pty in
            let odd = pty.transport(baudRate: 12345)
            await #expect(throws: TransportError.unsupportedBaudRate(12345)) { try await odd.open() }
            // Nothing was opened or locked: a good rate on the same line still opens.
            let good = pty.transport(baudRate: 115_200)
            try await good.open()
            var settings = pty.lineSettings()
            #expect(cfgetispeed(&settings) == speed_t(B115200))
        }
    }

    @Test func writeLargerThanTheLineBufferWaitsForTheBoardToRead() async throws {
        try await PseudoTerminalPair.withPair { pty in
            let transport = pty.transport(baudRate: 230_400)
            try await transport.open()
            // Far more than a pty buffers: the write meets EAGAIN and partial writes.
            let payload = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            let writer = Task { await transportOutcome { () async throws(TransportError) in try await transport.write(payload) } }
            try await Task.sleep(for: .milliseconds(100))
            var received: [UInt8] = []
            let deadline = ContinuousClock.now + .seconds(5)
            while received.count < payload.count, ContinuousClock.now < deadline {
                received += try await pty.master.received.read(until: deadline)
            }
            #expect(try await writer.value.get() == ())
            #expect(received == payload)
        }
    }

    @Test func missingDeviceIsNotFound() async {
        let transport = SerialTransport(path: "/dev/ttyHarborMissing0", baudRate: 9600)
        await #expect(throws: TransportError.deviceNotFound("/dev/ttyHarborMissing0")) { try await transport.open() }
    }

    @Test func regularFileIsNotASerialDevice() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("harbor-serial-\(UUID()).txt").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data([1, 2, 3])))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let transport = SerialTransport(path: path, baudRate: 9600)
        await #expect(throws: TransportError.notASerialDevice(path)) { try await transport.open() }
    }

    @Test func secondOpenOfTheSameDeviceIsBusyUntilTheFirstCloses() async throws {
        try await PseudoTerminalPair.withPair { pty in
            let first = pty.transport(baudRate: 9600)
            let second = pty.transport(baudRate: 9600)
            try await first.open()
            try await first.open()
            await #expect(throws: TransportError.deviceBusy(pty.slavePath)) { try await second.open() }
            await first.close()
            try await second.open()
        }
    }

    @Test func hangUpWhileReadingIsDeviceVanished() async throws {
        try await PseudoTerminalPair.withPair { pty in
            let transport = pty.transport(baudRate: 9600)
            try await transport.open()
            let started = ContinuousClock.now
            async let pending = transportOutcome { () async throws(TransportError) -> [UInt8] in
                try await transport.read(until: .now + .seconds(5))
            }
            try await Task.sleep(for: .milliseconds(30))
            let hungUpAt = ContinuousClock.now
            await pty.hangUp()
            let outcome = await pending
            #expect(throws: TransportError.deviceVanished(pty.slavePath)) { try outcome.get() }
            #expect(ContinuousClock.now - hungUpAt < .milliseconds(300))
            #expect(ContinuousClock.now - started < .seconds(1))
            // Stays vanished for later reads and writes until closed and reopened.
            await #expect(throws: TransportError.deviceVanished(pty.slavePath)) {
                try await transport.read(until: .now + .seconds(1))
            }
            await #expect(throws: TransportError.deviceVanished(pty.slavePath)) { try await transport.write([1]) }
        }
    }

    @Test func readReturnsEmptyAtTheDeadlineInSilence() async throws {
        try await PseudoTerminalPair.withPair { pty in
            let transport = pty.transport(baudRate: 19200)
            try await transport.open()
            let started = ContinuousClock.now
            let bytes = try await transport.read(until: started + .milliseconds(100))
            let elapsed = ContinuousClock.now - started
            #expect(bytes.isEmpty)
            #expect(elapsed >= .milliseconds(95))
            #expect(elapsed < .milliseconds(600))
        }
    }

    @Test func discardInputDropsBytesAlreadyOnTheLine() async throws {
        try await PseudoTerminalPair.withPair { pty in
            let transport = pty.transport(baudRate: 9600)
            try await transport.open()
            try await pty.send([0x8A, 0x02, 0x01, 0x11, 0x98])
            try await Task.sleep(for: .milliseconds(50))
            await transport.discardInput()
            #expect(try await transport.read(until: .now + .milliseconds(50)).isEmpty)
            try await pty.send([0x8A, 0x01, 0x01, 0x11, 0x9B])
            let fresh = try await PseudoTerminalPair.collect(count: 5) { deadline async throws(TransportError) in
                try await transport.read(until: deadline)
            }
            #expect(fresh == [0x8A, 0x01, 0x01, 0x11, 0x9B])
        }
    }

    @Test func closedTransportRefusesReadsAndWrites() async throws {
        try await PseudoTerminalPair.withPair { pty in
            let transport = pty.transport(baudRate: 9600)
            await #expect(throws: TransportError.closed) { try await transport.write([1]) }
            try await transport.open()
            async let pending = transportOutcome { () async throws(TransportError) -> [UInt8] in
                try await transport.read(until: .now + .seconds(5))
            }
            try await Task.sleep(for: .milliseconds(30))
            await transport.close()
            let outcome = await pending
            #expect(throws: TransportError.closed) { try outcome.get() }
            await #expect(throws: TransportError.closed) { try await transport.read(until: .now) }
        }
    }

    @Test(arguments: [
        (ENOENT, TransportError.deviceNotFound("/dev/ttyUSB0")),
        (ENODEV, .deviceNotFound("/dev/ttyUSB0")),
        (ENXIO, .deviceNotFound("/dev/ttyUSB0")),
        (EACCES, .permissionDenied("/dev/ttyUSB0")),
        (EPERM, .permissionDenied("/dev/ttyUSB0")),
        (EBUSY, .deviceBusy("/dev/ttyUSB0")),
        (EWOULDBLOCK, .deviceBusy("/dev/ttyUSB0")),
        (ENOTTY, .notASerialDevice("/dev/ttyUSB0")),
        (EMFILE, .system(operation: "open", errno: EMFILE)),
    ])
    func openErrnoMapsToATransportError(code: Int32, expected: TransportError) {
        #expect(SerialTransport.errorForOpen(errno: code, path: "/dev/ttyUSB0") == expected)
    }
}
