# main: copied to the board's root; starts the Smart Motor from motormesh.json.
import motormesh.device

motormesh.device.run()
