import Foundation
import Testing
@testable import HarborDrivers

@Suite struct GPIOSelectorTests {
    @Test func chipSelectorsParseByShape() {
        #expect(GPIOChipSelector("gpiochip0") == .name("gpiochip0"))
        #expect(GPIOChipSelector("gpiochip12") == .name("gpiochip12"))
        #expect(GPIOChipSelector("/dev/gpiochip0") == .path("/dev/gpiochip0"))
        #expect(GPIOChipSelector("pinctrl-rp1") == .label("pinctrl-rp1"))
        #expect(GPIOChipSelector("gpiochip") == .label("gpiochip"))
        #expect(GPIOChipSelector("gpiochipX") == .label("gpiochipX"))
    }

    @Test func lineSelectorsParseByShape() {
        #expect(GPIOLineSelector("17") == .offset(17))
        #expect(GPIOLineSelector("0") == .offset(0))
        #expect(GPIOLineSelector("GPIO17") == .name("GPIO17"))
        #expect(GPIOLineSelector("-1") == .name("-1"))
        #expect(GPIOLineSelector("") == .name(""))
    }

    @Test func selectorsRoundTripThroughJSON() throws {
        let chips: [GPIOChipSelector] = [.name("gpiochip0"), .path("/dev/gpiochip4"), .label("pinctrl-rp1"), .label("gpiochip3")]
        let lines: [GPIOLineSelector] = [.offset(17), .name("GPIO17"), .name("27")]
        #expect(try JSONDecoder().decode([GPIOChipSelector].self, from: JSONEncoder().encode(chips)) == chips)
        #expect(try JSONDecoder().decode([GPIOLineSelector].self, from: JSONEncoder().encode(lines)) == lines)
        let plain = try String(decoding: JSONEncoder().encode(lines), as: UTF8.self)
        #expect(plain == #"[17,"GPIO17",{"name":"27"}]"#)
    }

    @Test func selectorsReadTheHandWrittenForms() throws {
        let text = #"{"chips": ["pinctrl-rp1", {"name": "gpiochip2"}], "lines": ["GPIO5", "6", 7, {"offset": 8}]}"#
        struct Entry: Decodable { var chips: [GPIOChipSelector]; var lines: [GPIOLineSelector] }
        let entry = try JSONDecoder().decode(Entry.self, from: Data(text.utf8))
        #expect(entry.chips == [.label("pinctrl-rp1"), .name("gpiochip2")])
        #expect(entry.lines == [.name("GPIO5"), .offset(6), .offset(7), .offset(8)])
    }

    @Test func configurationDecodesWithDefaults() throws {
        let text = #"{"chip": "pinctrl-rp1", "lines": ["GPIO17", "GPIO27"], "activeLow": true}"#
        let configuration = try JSONDecoder().decode(GPIORelayConfiguration.self, from: Data(text.utf8))
        #expect(configuration == GPIORelayConfiguration(
            chip: .label("pinctrl-rp1"), lines: [.name("GPIO17"), .name("GPIO27")], activeLow: true))
        #expect(configuration.pulse == .milliseconds(500))
        #expect(configuration.doorLines == nil)
    }

    @Test func configurationRoundTripsWithThePulseInMilliseconds() throws {
        let configuration = GPIORelayConfiguration(
            chip: .path("/dev/gpiochip0"), lines: [.offset(5)], doorLines: [.name("GPIO6")],
            doorActiveLow: false, doorPullUp: false, doorPolarity: .setMeansOpen,
            pulse: .milliseconds(1200), consumer: "cabinet-7")
        let data = try JSONEncoder().encode(configuration)
        #expect(String(decoding: data, as: UTF8.self).contains(#""pulseMilliseconds":1200"#))
        #expect(try JSONDecoder().decode(GPIORelayConfiguration.self, from: data) == configuration)
    }

    @Test func configurationRefusesAPulseThatNeverFires() {
        let text = #"{"chip": "gpiochip0", "lines": [1], "pulseMilliseconds": 0}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(GPIORelayConfiguration.self, from: Data(text.utf8))
        }
    }

    @Test func errorsCarryStableCodes() {
        #expect(GPIOError.chipNotFound("x").code == "GPIO_CHIP_NOT_FOUND")
        #expect(GPIOError.lineNotFound("x").code == "GPIO_LINE_NOT_FOUND")
        #expect(GPIOError.lineBusy("x").code == "GPIO_LINE_BUSY")
        #expect(GPIOError.permissionDenied("x").code == "GPIO_PERMISSION_DENIED")
        let failed = GPIOError.ioFailed(operation: "set line GPIO4", errno: 5)
        #expect(failed.code == "GPIO_IO_FAILED")
        #expect(failed.description.contains("set line GPIO4"))
        #expect(failed.description.contains("errno 5"))
    }
}
