extension HardwareRuntime {
    /// Counts every open by outcome and times every controller call in `metrics`
    /// from now on.
    public func record(into metrics: GatewayMetrics) {
        self.metrics = metrics
    }
}
