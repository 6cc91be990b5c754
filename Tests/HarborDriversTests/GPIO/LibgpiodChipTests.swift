import Testing
@testable import HarborDrivers

/// The real binding on a machine without the chips asked for: every miss must be
/// a typed error, never a crash.
@Suite struct LibgpiodChipTests {
    private func openError(_ selector: GPIOChipSelector) -> GPIOError? {
        do {
            _ = try LibgpiodChip(selector)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingChipByPathIsNotFound() {
        #expect(openError(.path("/dev/gpiochip99"))?.code == "GPIO_CHIP_NOT_FOUND")
    }

    @Test func missingChipByNameIsNotFound() {
        #expect(openError(.name("gpiochip99"))?.code == "GPIO_CHIP_NOT_FOUND")
    }

    @Test func missingChipByLabelIsNotFound() {
        #expect(openError(.label("no-such-label"))?.code == "GPIO_CHIP_NOT_FOUND")
    }

    @Test func aDeviceThatIsNoGPIOChipIsATypedError() {
        // libgpiod 1.6 answers ENOTTY for /dev/null: there is no chip at that path.
        let error = openError(.path("/dev/null"))
        #expect(error?.code == "GPIO_CHIP_NOT_FOUND")
        #expect(error?.description.contains("/dev/null") == true)
    }

    @Test func aDirectoryIsATypedError() {
        #expect(openError(.path("/dev")) != nil)
    }

    @Test func theFactoryReportsTheMissingChip() {
        let configuration = GPIORelayConfiguration(chip: .name("gpiochip99"), lines: [.offset(0)])
        do {
            _ = try GPIORelayLockController.make(configuration: configuration)
            Issue.record("a controller was built on a chip that does not exist")
        } catch {
            #expect(error.code == "GPIO_CHIP_NOT_FOUND")
        }
    }
}
