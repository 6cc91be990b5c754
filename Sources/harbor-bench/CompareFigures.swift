import Foundation

/// What `harbor-bench compare` measured, ready to print.
struct CompareFigures {
    var releaseBuild = true
    var loadAverage = ""
    var wrkCommand = ""
    var startup = StartupRuns()
    var gatewayIdleKiB = 0
    var baselineIdleKiB = 0
    var gatewayLoadedKiB = 0
    var baselineLoadedKiB = 0
    var lockersBodyBytes = 0
    var gatewayLockers: WrkFigures?
    var baselineLockers: WrkFigures?
    var gatewayOpen: WrkFigures?
    var baselineOpen: WrkFigures?
    var baud = 0
    var serialOpens = LatencySamples([])
    var serialBytesPerOpen = 0.0
    var serialWirePerOpen = Duration.zero
    var openAll = Duration.zero
    var openAllIdeal = Duration.zero
    var openAllSettings = ""
    var bus = BusAtBaud()
}

/// The targets of issue 8 (and issue 3's absolute ones), checked in the table.
enum CompareTargets {
    static let apiRatio = 0.5
    static let busOverheadP99 = Duration.milliseconds(1)
    static let openAllRatio = 1.05
    static let idleRatio = 1.15
    /// Issue 3's "<= 40 MB", read strictly: decimal megabytes.
    static let idleBytes = 40_000_000
    static let startup = Duration.milliseconds(300)
    static let lockersP99 = Duration.milliseconds(5)
}
