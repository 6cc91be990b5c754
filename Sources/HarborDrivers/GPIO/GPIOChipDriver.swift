/// One GPIO chip the drivers can request lines from. libgpiod on real hardware
/// and the simulated chip in tests both implement it, so relay controllers never
/// know which one they drive.
public protocol GPIOChipDriver: Sendable {
    /// Requests `lines` as outputs, all driven inactive at first. With `activeLow`
    /// an active line sits at the low physical level. Either every line is
    /// requested or none is.
    func requestOutputs(
        _ lines: [GPIOLineSelector], activeLow: Bool, consumer: String
    ) throws(GPIOError) -> any GPIOOutputLines

    /// Requests `lines` as inputs, with the chip's pull-up when asked. With
    /// `activeLow` a low physical level reads as active. Either every line is
    /// requested or none is.
    func requestInputs(
        _ lines: [GPIOLineSelector], activeLow: Bool, pullUp: Bool, consumer: String
    ) throws(GPIOError) -> any GPIOInputLines
}

/// Output lines held by one request; index `i` is the `i`th requested line.
public protocol GPIOOutputLines: Sendable {
    /// Drives one line to its active or inactive level.
    func set(index: Int, active: Bool) throws(GPIOError)
    /// Gives the lines back to the chip. Later calls fail; calling twice is harmless.
    func release()
}

/// Input lines held by one request; index `i` is the `i`th requested line.
public protocol GPIOInputLines: Sendable {
    /// Whether one line is at its active level.
    func get(index: Int) throws(GPIOError) -> Bool
    /// Gives the lines back to the chip. Later calls fail; calling twice is harmless.
    func release()
}
