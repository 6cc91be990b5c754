import CGPIO

/// Lines requested from a `LibgpiodChip`. It holds no C pointer of its own: each
/// call goes through the chip, whose mutex guards the line objects.
final class LibgpiodLineRequest: GPIOOutputLines, GPIOInputLines {
    private let chip: LibgpiodChip
    private let id: Int
    private let lines: [GPIOLineSelector]

    init(chip: LibgpiodChip, id: Int, lines: [GPIOLineSelector]) {
        self.chip = chip
        self.id = id
        self.lines = lines
    }

    deinit {
        chip.release(request: id)
    }

    func set(index: Int, active: Bool) throws(GPIOError) {
        let description = describe(index)
        try chip.withLine(request: id, index: index, describedAs: description) { (line) throws(GPIOError) in
            harbor_gpio_clear_errno()
            guard gpiod_line_set_value(line, active ? 1 : 0) == 0 else {
                throw GPIOError.fromLineErrno(harbor_gpio_errno(), operation: "set \(description)")
            }
        }
    }

    func get(index: Int) throws(GPIOError) -> Bool {
        let description = describe(index)
        return try chip.withLine(request: id, index: index, describedAs: description) {
            (line) throws(GPIOError) -> Bool in
            harbor_gpio_clear_errno()
            let value = gpiod_line_get_value(line)
            guard value >= 0 else {
                throw GPIOError.fromLineErrno(harbor_gpio_errno(), operation: "read \(description)")
            }
            return value == 1
        }
    }

    func release() {
        chip.release(request: id)
    }

    private func describe(_ index: Int) -> String {
        let line = lines.indices.contains(index) ? "\(lines[index])" : "line index \(index)"
        return "\(line) on \(chip.selector)"
    }
}
