# main: copied to the board's root; the supervisor runs the Smart Motor from motormesh.json
# and never stops (errors go on the screen, then it starts again).
import time

while True:
    try:
        import machine
        import network
        from motormesh.supervisor import Supervisor

        Supervisor(machine, network).forever()
    except Exception as e:  # even a package that fails to import: say so, try again
        print("motormesh could not start:", repr(e))
        time.sleep(5)
