import ArgumentParser

/// The options `bridge` and `compare` share: the seeded store of the startup runs,
/// how long a server idles before its RSS is read, and the wrk load.
struct ServiceLoadOptions: ParsableArguments {
    @Option(help: "Lockers seeded into the store of the startup runs.") var lockers = 1000
    @Option(help: "Transactions seeded into that store.") var transactions = 100_000
    @Option(help: "Startups measured on the seeded store.") var startups = 5
    @Option(help: "Seconds a started server idles before its RSS is read.") var idleSeconds = 2
    @Option(help: "wrk connections.") var connections = 50
    @Option(help: "wrk threads.") var threads = 2
    @Option(help: "Seconds of wrk load per server and path (compare runs them as alternating 2 s turns).")
    var duration = 10

    func validate() throws {
        guard lockers >= 1, transactions >= 0, startups >= 1, idleSeconds >= 0 else {
            throw ValidationError("--lockers and --startups must be at least 1, the others not negative")
        }
        guard connections >= threads, threads >= 1, duration >= 1 else {
            throw ValidationError("wrk needs at least 1 thread, 1 s, and no fewer connections than threads")
        }
    }

    /// The wrk command line the table names.
    var wrkCommand: String { "wrk -t\(threads) -c\(connections) -d\(duration)s --latency" }
}
