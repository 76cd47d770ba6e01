# motormesh: a Smart Motor as a peer of the classroom mesh (MicroPython and CPython).
