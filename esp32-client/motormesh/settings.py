# settings: what the buttons chose (role, the controller a receiver follows), kept in a
# small file on flash so it survives a reboot; written to a temporary file, then renamed.
import json
import os

ROLES = ("controller", "receiver")


class Settings:
    def __init__(self, path="motormesh.state"):
        self.path = path
        self.role = None
        self.follow = None

    def load(self):
        # a missing or damaged file means "nothing chosen yet"
        try:
            with open(self.path) as f:
                d = json.load(f)
            role = d.get("role")
            follow = d.get("follow")
        except (OSError, ValueError, AttributeError):
            return self
        self.role = role if role in ROLES else None
        self.follow = follow if isinstance(follow, str) and 0 < len(follow) < 64 else None
        return self

    def save(self, role, follow):
        self.role = role
        self.follow = follow
        tmp = self.path + ".tmp"
        with open(tmp, "w") as f:
            json.dump({"role": role, "follow": follow}, f)
        try:
            os.remove(self.path)
        except OSError:
            pass
        os.rename(tmp, self.path)
