/// How one bank of relays wired to the gateway's own GPIO lines is set up.
///
/// Channel `n` is `lines[n-1]`, and its door switch (if wired) is `doorLines[n-1]`.
/// Which locker sits on which channel is held elsewhere, as data.
public struct GPIORelayConfiguration: Sendable, Equatable, Codable {
    /// The chip the relays and door switches hang off.
    public var chip: GPIOChipSelector
    /// The relay lines, channel 1 first.
    public var lines: [GPIOLineSelector]
    /// The door switch lines, channel 1 first; `nil` when no switches are wired.
    /// Channels past the end of the list read `unknown`; extra entries are unused.
    public var doorLines: [GPIOLineSelector]?
    /// Whether a relay fires on a low pin (most opto-isolated relay modules do).
    public var activeLow: Bool
    /// Whether a door input is active when its pin is low.
    public var doorActiveLow: Bool
    /// Whether the chip's pull-up holds a door input high while its switch is open.
    public var doorPullUp: Bool
    /// Which door state an active door input stands for.
    public var doorPolarity: FeedbackPolarity
    /// How long a relay stays active per unlock.
    public var pulse: Duration
    /// The consumer name the kernel shows for the requested lines.
    public var consumer: String

    /// A relay bank; the door defaults fit a switch to ground read through the
    /// chip's pull-up, active (switch closed) when the door is closed.
    public init(
        chip: GPIOChipSelector,
        lines: [GPIOLineSelector],
        doorLines: [GPIOLineSelector]? = nil,
        activeLow: Bool = false,
        doorActiveLow: Bool = true,
        doorPullUp: Bool = true,
        doorPolarity: FeedbackPolarity = .setMeansClosed,
        pulse: Duration = .milliseconds(500),
        consumer: String = "harbor-gateway"
    ) {
        self.chip = chip
        self.lines = lines
        self.doorLines = doorLines
        self.activeLow = activeLow
        self.doorActiveLow = doorActiveLow
        self.doorPullUp = doorPullUp
        self.doorPolarity = doorPolarity
        self.pulse = pulse
        self.consumer = consumer
    }

    private enum CodingKeys: String, CodingKey {
        case chip, lines, doorLines, activeLow, doorActiveLow, doorPullUp, doorPolarity
        case pulseMilliseconds, consumer
    }

    /// Reads a configuration file entry; everything but `chip` and `lines` may be
    /// left out and takes the defaults of `init`. The pulse is in milliseconds.
    public init(from decoder: any Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = GPIORelayConfiguration(chip: .name("gpiochip0"), lines: [])
        chip = try keyed.decode(GPIOChipSelector.self, forKey: .chip)
        lines = try keyed.decode([GPIOLineSelector].self, forKey: .lines)
        doorLines = try keyed.decodeIfPresent([GPIOLineSelector].self, forKey: .doorLines)
        activeLow = try keyed.decodeIfPresent(Bool.self, forKey: .activeLow) ?? defaults.activeLow
        doorActiveLow = try keyed.decodeIfPresent(Bool.self, forKey: .doorActiveLow) ?? defaults.doorActiveLow
        doorPullUp = try keyed.decodeIfPresent(Bool.self, forKey: .doorPullUp) ?? defaults.doorPullUp
        doorPolarity = try keyed.decodeIfPresent(FeedbackPolarity.self, forKey: .doorPolarity)
            ?? defaults.doorPolarity
        consumer = try keyed.decodeIfPresent(String.self, forKey: .consumer) ?? defaults.consumer
        if let milliseconds = try keyed.decodeIfPresent(Int.self, forKey: .pulseMilliseconds) {
            // A zero or negative pulse would never fire the lock: refuse it loudly.
            guard milliseconds > 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .pulseMilliseconds, in: keyed,
                    debugDescription: "the relay pulse must be longer than 0 ms")
            }
            pulse = .milliseconds(milliseconds)
        } else {
            pulse = defaults.pulse
        }
    }

    /// Writes every field, the pulse as whole milliseconds.
    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(chip, forKey: .chip)
        try keyed.encode(lines, forKey: .lines)
        try keyed.encodeIfPresent(doorLines, forKey: .doorLines)
        try keyed.encode(activeLow, forKey: .activeLow)
        try keyed.encode(doorActiveLow, forKey: .doorActiveLow)
        try keyed.encode(doorPullUp, forKey: .doorPullUp)
        try keyed.encode(doorPolarity, forKey: .doorPolarity)
        try keyed.encode(pulseMilliseconds, forKey: .pulseMilliseconds)
        try keyed.encode(consumer, forKey: .consumer)
    }

    /// The pulse in whole milliseconds, rounded down.
    public var pulseMilliseconds: Int {
        let (seconds, attoseconds) = pulse.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
