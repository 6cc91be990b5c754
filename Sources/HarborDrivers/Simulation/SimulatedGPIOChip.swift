import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A GPIO chip in memory, standing in for libgpiod in tests and the simulator.
///
/// It behaves the way the kernel does where relay controllers care: lines are
/// found by name or offset, a line held by a request is busy for every other,
/// active-low lines invert the physical level, and an input with nothing driving
/// it reads the level its bias pulls it to. Every output write is recorded with
/// its time so tests can see the pulses.
public final class SimulatedGPIOChip: GPIOChipDriver {
    /// One write to an output line.
    public struct Write: Sendable, Equatable {
        /// The line's offset on the chip.
        public var offset: Int
        /// The line's name (empty for an unnamed line).
        public var name: String
        /// Whether the line was driven to its active level.
        public var active: Bool
        /// The physical level the write put on the pin.
        public var high: Bool
        /// When the write happened.
        public var at: ContinuousClock.Instant
    }

    /// The chip's label, as `gpiod_chip_label` would report it.
    public let label: String
    private let state: Mutex<SimulatedChipState>

    /// A chip whose line at offset `i` is named `lineNames[i]` (empty for none).
    public init(label: String = "harbor-sim-gpio", lineNames: [String]) {
        self.label = label
        state = Mutex(SimulatedChipState(lines: lineNames.map { SimulatedGPIOLine(name: $0) }))
    }

    /// A chip of `lineCount` lines named like a Raspberry Pi header: `GPIO0`, `GPIO1`, ...
    public convenience init(label: String = "harbor-sim-gpio", lineCount: Int) {
        self.init(label: label, lineNames: (0..<max(0, lineCount)).map { "GPIO\($0)" })
    }

    /// Makes every later request fail with `error` (such as `.permissionDenied`),
    /// or lets requests through again with `nil`.
    public func refuseRequests(with error: GPIOError?) {
        state.withLock { $0.requestRefusal = error }
    }

    /// Makes reads and writes on requested lines fail with `error`, as when the
    /// chip goes away: only on `line` when one is given, only the next `times`
    /// accesses when a count is given. `nil` heals the chip.
    public func failLineAccess(with error: GPIOError?, on line: GPIOLineSelector? = nil, times: Int? = nil) {
        state.withLock { state in
            state.accessFailure = error.map { .init(error: $0, line: line, remaining: times) }
        }
    }

    /// Drives an input from outside, as a door switch does: `true` high, `false`
    /// low, `nil` leaves it floating so its bias decides. A line the chip does
    /// not have is ignored.
    public func drive(_ line: GPIOLineSelector, high: Bool?) {
        state.withLock { state in
            guard let offset = state.offset(of: line) else { return }
            state.lines[offset].externalLevel = high
        }
    }

    /// The physical level on a line (`nil` for a line the chip does not have).
    public func isHigh(_ line: GPIOLineSelector) -> Bool? {
        state.withLock { state in state.offset(of: line).map { state.lines[$0].physicalLevel } }
    }

    /// The consumer holding a line, `nil` when it is free or missing.
    public func consumer(of line: GPIOLineSelector) -> String? {
        state.withLock { state in state.offset(of: line).flatMap { state.lines[$0].holder?.consumer } }
    }

    /// Every output write so far, oldest first.
    public var writes: [Write] {
        state.withLock { $0.writes }
    }

    /// Requests outputs, driven inactive at once.
    public func requestOutputs(
        _ lines: [GPIOLineSelector], activeLow: Bool, consumer: String
    ) throws(GPIOError) -> any GPIOOutputLines {
        let setup = SimulatedGPIOLine.Holder(consumer: consumer, isOutput: true, activeLow: activeLow, pullUp: false)
        return try request(lines, setup)
    }

    /// Requests inputs; a floating input reads high with `pullUp`, low otherwise.
    public func requestInputs(
        _ lines: [GPIOLineSelector], activeLow: Bool, pullUp: Bool, consumer: String
    ) throws(GPIOError) -> any GPIOInputLines {
        let setup = SimulatedGPIOLine.Holder(consumer: consumer, isOutput: false, activeLow: activeLow, pullUp: pullUp)
        return try request(lines, setup)
    }

    private func request(
        _ selectors: [GPIOLineSelector], _ setup: SimulatedGPIOLine.Holder
    ) throws(GPIOError) -> SimulatedLineRequest {
        try state.withLock { (state) throws(GPIOError) -> SimulatedLineRequest in
            if let refusal = state.requestRefusal { throw refusal }
            var offsets: [Int] = []
            for selector in selectors {
                guard let offset = state.offset(of: selector) else {
                    throw GPIOError.lineNotFound("no \(selector) on chip \(label)")
                }
                // A line held elsewhere, or named twice in this request, is busy.
                if let holder = state.lines[offset].holder {
                    throw GPIOError.lineBusy("\(selector) is held by \(holder.consumer)")
                }
                if offsets.contains(offset) {
                    throw GPIOError.lineBusy("\(selector) is named twice in one request")
                }
                offsets.append(offset)
            }
            let id = state.nextRequestID
            state.nextRequestID += 1
            for offset in offsets {
                var holder = setup
                holder.requestID = id
                state.lines[offset].holder = holder
                state.lines[offset].outputActive = false
            }
            return SimulatedLineRequest(chip: self, id: id, offsets: offsets)
        }
    }

    /// Writes one line of a live request.
    func set(request id: Int, offset: Int, active: Bool) throws(GPIOError) {
        try state.withLock { (state) throws(GPIOError) in
            try state.checkAccess(request: id, offset: offset)
            state.lines[offset].outputActive = active
            let line = state.lines[offset]
            state.writes.append(
                Write(offset: offset, name: line.name, active: active, high: line.physicalLevel, at: .now))
        }
    }

    /// Reads one line of a live request as active or not.
    func get(request id: Int, offset: Int) throws(GPIOError) -> Bool {
        try state.withLock { (state) throws(GPIOError) -> Bool in
            try state.checkAccess(request: id, offset: offset)
            let line = state.lines[offset]
            return line.physicalLevel != (line.holder?.activeLow ?? false)
        }
    }

    /// Frees the lines of one request; outputs stop being driven.
    func release(request id: Int) {
        state.withLock { state in
            for offset in state.lines.indices where state.lines[offset].holder?.requestID == id {
                state.lines[offset].holder = nil
            }
        }
    }
}

/// One line of the simulated chip.
struct SimulatedGPIOLine {
    /// Who holds a line and how they asked for it.
    struct Holder {
        var consumer: String
        var isOutput: Bool
        var activeLow: Bool
        var pullUp: Bool
        var requestID = -1
    }

    var name: String
    var holder: Holder?
    var outputActive = false
    /// What something outside the chip drives onto the pin; `nil` when floating.
    var externalLevel: Bool?

    init(name: String) {
        self.name = name
    }

    var physicalLevel: Bool {
        if let holder, holder.isOutput {
            return outputActive != holder.activeLow
        }
        return externalLevel ?? (holder?.pullUp ?? false)
    }
}

/// The simulated chip's lines and knobs, only reached through its mutex.
struct SimulatedChipState {
    var lines: [SimulatedGPIOLine]
    var writes: [SimulatedGPIOChip.Write] = []
    var nextRequestID = 0
    var requestRefusal: GPIOError?
    var accessFailure: AccessFailure?

    /// A fault injected by a test: which line it hits and how many more times.
    struct AccessFailure {
        var error: GPIOError
        var line: GPIOLineSelector?
        var remaining: Int?
    }

    func offset(of selector: GPIOLineSelector) -> Int? {
        switch selector {
        case let .name(name): lines.firstIndex { !name.isEmpty && $0.name == name }
        case let .offset(offset): lines.indices.contains(offset) ? offset : nil
        }
    }

    mutating func checkAccess(request id: Int, offset: Int) throws(GPIOError) {
        if var failure = accessFailure, failure.line.map({ self.offset(of: $0) == offset }) ?? true {
            if let remaining = failure.remaining {
                failure.remaining = remaining - 1
                accessFailure = remaining > 1 ? failure : nil
            }
            throw failure.error
        }
        guard lines[offset].holder?.requestID == id else {
            throw GPIOError.ioFailed(operation: "use released line \(lines[offset].name)", errno: EBADF)
        }
    }
}

/// Lines requested from a `SimulatedGPIOChip`, released when dropped.
final class SimulatedLineRequest: GPIOOutputLines, GPIOInputLines {
    private let chip: SimulatedGPIOChip
    private let id: Int
    private let offsets: [Int]

    init(chip: SimulatedGPIOChip, id: Int, offsets: [Int]) {
        self.chip = chip
        self.id = id
        self.offsets = offsets
    }

    deinit {
        chip.release(request: id)
    }

    func set(index: Int, active: Bool) throws(GPIOError) {
        try chip.set(request: id, offset: offset(at: index), active: active)
    }

    func get(index: Int) throws(GPIOError) -> Bool {
        try chip.get(request: id, offset: offset(at: index))
    }

    func release() {
        chip.release(request: id)
    }

    private func offset(at index: Int) throws(GPIOError) -> Int {
        guard offsets.indices.contains(index) else {
            throw GPIOError.lineNotFound("the request has no line at index \(index)")
        }
        return offsets[index]
    }
}
