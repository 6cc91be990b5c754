import Foundation

/// SplitMix64: a small generator whose whole sequence follows from one seed, so a
/// failing crash run can be replayed with the seed it printed.
struct CrashSafetyRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one part of the run (a round's kill moment, one client of a
    /// round): the seed and the part's numbers mixed, so parts do not share a sequence.
    init(seed: UInt64, round: Int, client: Int) {
        var mixer = CrashSafetyRandom(seed: seed ^ (UInt64(round) &* 0x9E37_79B9_7F4A_7C15))
        for _ in 0...client { _ = mixer.next() }
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// The seed of a crash run: `HARBOR_CRASH_SEED` when set (to replay one), else a fresh one.
enum CrashSafetySeed {
    static var current: UInt64 {
        if let text = ProcessInfo.processInfo.environment["HARBOR_CRASH_SEED"], let seed = UInt64(text) {
            return seed
        }
        return UInt64.random(in: 1...UInt64.max)
    }
}
