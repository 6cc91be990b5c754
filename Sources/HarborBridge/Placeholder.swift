@_exported import HarborDrivers
