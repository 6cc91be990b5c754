extension HardwareRuntime {
    /// Counts every open by outcome and times every controller call in `metrics`
    /// from now on.
    public func record(into metrics: GatewayMetrics) {
        self.metrics = metrics
    }

    /// Counts an open the domain refused before reaching the hardware (out of
    /// service, released transaction) as `refused`.
    public func recordRefusedOpen() {
        metrics?.recordOpen(.refused)
    }
}
