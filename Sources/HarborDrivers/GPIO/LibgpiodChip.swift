import CGPIO
import Synchronization

/// A GPIO chip opened through libgpiod v1 (the 1.6 API Debian 12 ships).
///
/// libgpiod objects are not safe to use from two threads at once, and the line
/// objects live inside the chip object, so every call on the chip or any of its
/// lines runs under the one mutex that owns the chip pointer. Line requests keep
/// the chip alive; the chip is closed when the last of them is gone.
public final class LibgpiodChip: GPIOChipDriver {
    /// The selector the chip was opened with, for messages.
    public let selector: GPIOChipSelector
    private let state: Mutex<LibgpiodChipState>

    /// Opens the chip. A missing chip, a path that is not a GPIO chip and a
    /// refused open are typed errors.
    public init(_ selector: GPIOChipSelector) throws(GPIOError) {
        self.selector = selector
        harbor_gpio_clear_errno()
        let opened: OpaquePointer? = switch selector {
        case let .path(path): gpiod_chip_open(path)
        case let .name(name): gpiod_chip_open_by_name(name)
        case let .label(label): gpiod_chip_open_by_label(label)
        }
        guard let opened else {
            throw Self.openError(harbor_gpio_errno(), selector: selector)
        }
        state = Mutex(LibgpiodChipState(chip: opened))
    }

    deinit {
        state.withLock { state in
            // Closing the chip releases any line still requested through it.
            gpiod_chip_close(state.chip)
        }
    }

    /// Requests output lines through `gpiod_line_request_output_flags`.
    public func requestOutputs(
        _ lines: [GPIOLineSelector], activeLow: Bool, consumer: String
    ) throws(GPIOError) -> any GPIOOutputLines {
        let flags = activeLow ? Int32(GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW) : 0
        let id = try request(lines) { line in
            gpiod_line_request_output_flags(line, consumer, flags, 0)
        }
        return LibgpiodLineRequest(chip: self, id: id, lines: lines)
    }

    /// Requests input lines through `gpiod_line_request_input_flags`.
    public func requestInputs(
        _ lines: [GPIOLineSelector], activeLow: Bool, pullUp: Bool, consumer: String
    ) throws(GPIOError) -> any GPIOInputLines {
        var flags: Int32 = 0
        if activeLow { flags |= Int32(GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW) }
        if pullUp { flags |= Int32(GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP) }
        let id = try request(lines) { line in
            gpiod_line_request_input_flags(line, consumer, flags)
        }
        return LibgpiodLineRequest(chip: self, id: id, lines: lines)
    }

    /// Finds and requests every line one by one, each with its own handle: a v1
    /// bulk request shares one handle, and setting one line of it through
    /// `gpiod_line_set_value` would write the value of the bulk's first line.
    private func request(
        _ selectors: [GPIOLineSelector], with requestLine: (OpaquePointer) -> Int32
    ) throws(GPIOError) -> Int {
        try state.withLock { (state) throws(GPIOError) -> Int in
            var acquired: [OpaquePointer] = []
            for selector in selectors {
                do throws(GPIOError) {
                    let line = try Self.find(selector, on: state.chip, chipName: self.selector)
                    harbor_gpio_clear_errno()
                    guard requestLine(line) == 0 else {
                        throw GPIOError.fromLineErrno(
                            harbor_gpio_errno(), operation: "request \(selector) on \(self.selector)")
                    }
                    acquired.append(line)
                } catch {
                    acquired.forEach { gpiod_line_release($0) }
                    throw error
                }
            }
            return state.add(acquired)
        }
    }

    /// Runs `body` on the line at `index` of request `id`, under the chip's mutex.
    func withLine<Value: Sendable>(
        request id: Int, index: Int, describedAs description: String,
        _ body: (OpaquePointer) throws(GPIOError) -> Value
    ) throws(GPIOError) -> Value {
        try state.withLock { (state) throws(GPIOError) -> Value in
            guard let lines = state.requests[id] else {
                throw GPIOError.ioFailed(operation: "use released \(description)", errno: EBADF)
            }
            guard lines.indices.contains(index) else {
                throw GPIOError.lineNotFound("the request has no line at index \(index)")
            }
            return try body(lines[index])
        }
    }

    /// Releases every line of request `id`; a second call finds nothing to do.
    func release(request id: Int) {
        state.withLock { state in
            state.requests.removeValue(forKey: id)?.forEach { gpiod_line_release($0) }
        }
    }

    private static func find(
        _ selector: GPIOLineSelector, on chip: OpaquePointer, chipName: GPIOChipSelector
    ) throws(GPIOError) -> OpaquePointer {
        harbor_gpio_clear_errno()
        switch selector {
        case let .name(name):
            if let line = gpiod_chip_find_line(chip, name) { return line }
            let number = harbor_gpio_errno()
            if number == ENOENT || number == 0 {
                throw .lineNotFound("no line named \(name) on \(chipName)")
            }
            throw .ioFailed(operation: "find \(selector) on \(chipName)", errno: number)
        case let .offset(offset):
            let count = Int(gpiod_chip_num_lines(chip))
            guard (0..<count).contains(offset) else {
                throw .lineNotFound("offset \(offset) is outside 0..<\(count) on \(chipName)")
            }
            if let line = gpiod_chip_get_line(chip, UInt32(offset)) { return line }
            throw .ioFailed(operation: "get \(selector) on \(chipName)", errno: harbor_gpio_errno())
        }
    }

    private static func openError(_ number: Int32, selector: GPIOChipSelector) -> GPIOError {
        let why = "\(selector): \(GPIOError.errnoText(number))"
        switch number {
        // ENOTTY and ENODEV are what libgpiod reports for a device that exists
        // but is not a GPIO chip: for the caller that chip is just as absent.
        case ENOENT, ENOTTY, ENODEV: return .chipNotFound(why)
        case EACCES, EPERM: return .permissionDenied(why)
        default: return .ioFailed(operation: "open \(selector)", errno: number)
        }
    }
}

/// The chip pointer and the lines each live request holds. Only ever reached
/// through the chip's mutex.
struct LibgpiodChipState {
    let chip: OpaquePointer
    var requests: [Int: [OpaquePointer]] = [:]
    private var nextRequestID = 0

    init(chip: OpaquePointer) {
        self.chip = chip
    }

    mutating func add(_ lines: [OpaquePointer]) -> Int {
        let id = nextRequestID
        nextRequestID += 1
        requests[id] = lines
        return id
    }
}
