/// How to find a GPIO chip: a device path (`/dev/gpiochip0`), a kernel name
/// (`gpiochip0`) or the label its driver gives it (`pinctrl-rp1`).
///
/// Labels survive the renumbering some kernels do between releases (the
/// Raspberry Pi 5 header moved from gpiochip4 to gpiochip0), so installations
/// should prefer them.
public enum GPIOChipSelector: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A character device path, opened as is.
    case path(String)
    /// A name under /dev, such as `gpiochip0`.
    case name(String)
    /// The chip's label, found by looking at every chip.
    case label(String)

    /// Reads the form configuration files use: text starting with `/` is a path,
    /// `gpiochip` followed by digits is a name, anything else is a label.
    public init(_ text: String) {
        if text.hasPrefix("/") {
            self = .path(text)
        } else if text.hasPrefix("gpiochip"), Self.isDigits(text.dropFirst("gpiochip".count)) {
            self = .name(text)
        } else {
            self = .label(text)
        }
    }

    /// The text this selector was written as.
    public var text: String {
        switch self {
        case let .path(text), let .name(text), let .label(text): text
        }
    }

    /// The selector as a person would recognise it in a message.
    public var description: String {
        switch self {
        case let .path(path): "chip \(path)"
        case let .name(name): "chip \(name)"
        case let .label(label): "chip labelled \(label)"
        }
    }

    static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private enum CodingKeys: String, CodingKey {
        case path, name, label
    }

    /// Accepts the plain text form (parsed like `init(_:)`) or an object naming
    /// the kind, e.g. `{"label": "gpiochip0"}` for a label that looks like a name.
    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(text)
            return
        }
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        if let path = try keyed.decodeIfPresent(String.self, forKey: .path) {
            self = .path(path)
        } else if let name = try keyed.decodeIfPresent(String.self, forKey: .name) {
            self = .name(name)
        } else {
            self = .label(try keyed.decode(String.self, forKey: .label))
        }
    }

    /// Writes the plain text form whenever reading it back gives the same selector.
    public func encode(to encoder: any Encoder) throws {
        if GPIOChipSelector(text) == self {
            var single = encoder.singleValueContainer()
            try single.encode(text)
            return
        }
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .path(path): try keyed.encode(path, forKey: .path)
        case let .name(name): try keyed.encode(name, forKey: .name)
        case let .label(label): try keyed.encode(label, forKey: .label)
        }
    }
}

/// How to find one line on a chip: by the name the device tree gives it
/// (`GPIO17`), or by its offset on the chip.
public enum GPIOLineSelector: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The line's name from the device tree.
    case name(String)
    /// The line's offset on its chip, counted from 0.
    case offset(Int)

    /// Reads the form configuration files use: all digits is an offset, anything
    /// else is a name.
    public init(_ text: String) {
        if GPIOChipSelector.isDigits(Substring(text)), let offset = Int(text) {
            self = .offset(offset)
        } else {
            self = .name(text)
        }
    }

    /// The line as a person would recognise it in a message.
    public var description: String {
        switch self {
        case let .name(name): "line \(name)"
        case let .offset(offset): "line at offset \(offset)"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case name, offset
    }

    /// Accepts an integer offset, the plain text form (parsed like `init(_:)`) or
    /// an object naming the kind, e.g. `{"name": "17"}` for a line named with digits.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer() {
            if let offset = try? single.decode(Int.self) {
                self = .offset(offset)
                return
            }
            if let text = try? single.decode(String.self) {
                self.init(text)
                return
            }
        }
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        if let name = try keyed.decodeIfPresent(String.self, forKey: .name) {
            self = .name(name)
        } else {
            self = .offset(try keyed.decode(Int.self, forKey: .offset))
        }
    }

    /// Writes offsets as integers and names as plain text unless the text would
    /// read back as an offset.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case let .offset(offset):
            var single = encoder.singleValueContainer()
            try single.encode(offset)
        case let .name(name) where GPIOLineSelector(name) == self:
            var single = encoder.singleValueContainer()
            try single.encode(name)
        case let .name(name):
            var keyed = encoder.container(keyedBy: CodingKeys.self)
            try keyed.encode(name, forKey: .name)
        }
    }
}
