import Prometheus
import Synchronization

/// The gateway's metrics for fleet monitoring, kept in one Prometheus registry of
/// its own: a process may run several gateways (the tests do), and each one shows
/// only its own counts, so no global metrics system is bootstrapped.
public final class GatewayMetrics: Sendable {
    /// The content type of `GET /metrics`: the text exposition format 0.0.4.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The registry every metric below lives in.
    public let registry: PrometheusCollectorRegistry
    private let opens: [OpenOutcomeLabel: Counter]
    private let controllersOnline: Gauge
    private let controllersTotal: Gauge
    /// The labelled series made so far: the registry hands back the same series for
    /// the same labels, but finding it there costs a descriptor and label strings per
    /// call, and every request and controller call records one.
    private let series = Mutex(LabelledSeries())
    /// Reads the controllers' live statuses when the metrics are scraped.
    private let controllerStatuses: @Sendable () async -> [ControllerRuntimeStatus]

    /// Bucket bounds for controller calls: RS485 frames answer in milliseconds, a
    /// silent board takes its whole timeout (up to a few seconds).
    static let roundTripBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
    ]
    /// Bucket bounds for HTTP answers: most are store reads, opens wait for a board.
    static let requestBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
        .seconds(5), .seconds(10),
    ]

    /// Fresh metrics, all at zero, in a registry of their own; `controllerStatuses`
    /// feeds the controller gauges at each scrape.
    public init(controllerStatuses: @escaping @Sendable () async -> [ControllerRuntimeStatus] = { [] }) {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        let opensName = MetricNameDescriptor(
            metricName: "harbor_opens", unitName: "total",
            helpText: "Locker opens by outcome: opened, unknown (no reply to the unlock), failed, refused")
        var opens: [OpenOutcomeLabel: Counter] = [:]
        for outcome in OpenOutcomeLabel.allCases {
            opens[outcome] = registry.makeCounter(descriptor: opensName, labels: [("outcome", outcome.rawValue)])
        }
        self.opens = opens
        controllersOnline = registry.makeGauge(descriptor: MetricNameDescriptor(
            metricName: "harbor_controllers", unitName: "online",
            helpText: "Controllers that answered the last time they were asked"))
        controllersTotal = registry.makeGauge(descriptor: MetricNameDescriptor(
            metricName: "harbor_controllers", unitName: "total", helpText: "Controllers loaded by the gateway"))
        self.controllerStatuses = controllerStatuses
    }

    /// Counts one open attempt.
    public func recordOpen(_ outcome: OpenOutcomeLabel) {
        opens[outcome]?.increment()
    }

    /// Records the time one call to a controller took (an unlock or a door poll).
    public func recordRoundTrip(controllerId: Int64, duration: Duration) {
        let histogram = series.withLock { series in
            if let known = series.roundTrips[controllerId] { return known }
            let made = registry.makeDurationHistogram(
                descriptor: MetricNameDescriptor(
                    metricName: "harbor_controller_round_trip", unitName: "seconds",
                    helpText: "Time of each call to a lock controller (unlocks and door polls)"),
                labels: [("controller", String(controllerId))],
                buckets: Self.roundTripBuckets)
            series.roundTrips[controllerId] = made
            return made
        }
        histogram.record(duration)
    }

    /// Counts one HTTP answer and records how long it took.
    public func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let key = RequestSeriesKey(method: method, route: route, status: status)
        let (counter, histogram) = series.withLock { series in
            if let known = series.requests[key] { return known }
            let made = (
                registry.makeCounter(
                    descriptor: MetricNameDescriptor(
                        metricName: "harbor_http_requests", unitName: "total",
                        helpText: "HTTP requests answered, by method, route template and status"),
                    labels: [("method", method), ("route", route), ("status", String(status))]),
                registry.makeDurationHistogram(
                    descriptor: MetricNameDescriptor(
                        metricName: "harbor_http_request_duration", unitName: "seconds",
                        helpText: "Time to answer HTTP requests, by method and route template"),
                    labels: [("method", method), ("route", route)],
                    buckets: Self.requestBuckets))
            series.requests[key] = made
            return made
        }
        counter.increment()
        histogram.record(duration)
    }

    /// Sets the controller gauges from the runtime's statuses.
    public func updateControllers(_ statuses: [ControllerRuntimeStatus]) {
        controllersOnline.set(Int64(statuses.count { $0.online }))
        controllersTotal.set(Int64(statuses.count))
    }

    /// The text exposition, with the controller gauges read just now.
    public func exposition() async -> [UInt8] {
        updateControllers(await controllerStatuses())
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}

/// The series `GatewayMetrics` already made, by their labels.
private struct LabelledSeries {
    var requests: [RequestSeriesKey: (Counter, DurationHistogram)] = [:]
    var roundTrips: [Int64: DurationHistogram] = [:]
}

private struct RequestSeriesKey: Hashable {
    var method: String
    var route: String
    var status: Int
}
