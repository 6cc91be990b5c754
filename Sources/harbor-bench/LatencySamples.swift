/// Percentiles of measured durations.
struct LatencySamples {
    let sorted: [Duration]

    init(_ samples: [Duration]) {
        sorted = samples.sorted()
    }

    /// The nearest-rank percentile, `p` in 0...100.
    func percentile(_ p: Double) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    var mean: Duration {
        guard !sorted.isEmpty else { return .zero }
        return sorted.reduce(Duration.zero, +) / sorted.count
    }
}
