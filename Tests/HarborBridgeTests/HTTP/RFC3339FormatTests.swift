import Foundation
import HarborBridge
import Testing

@Suite struct RFC3339FormatTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"),
        (951_782_400.5, "2000-02-29T00:00:00.500Z"),
        (-86_400.001, "1969-12-30T23:59:59.999Z"),
        (4_102_444_799.0, "2099-12-31T23:59:59Z"),
    ])
    func formatsKnownInstants(seconds: Double, text: String) {
        #expect(RFC3339.format(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test func formatAndParseRoundTripAtMillisecondPrecision() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let milliseconds = Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let text = RFC3339.format(date)
            #expect(RFC3339.parse(text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } == milliseconds, "\(text)")
        }
    }
}
