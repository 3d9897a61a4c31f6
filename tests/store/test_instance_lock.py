"""One sv-desktop per data folder: a live holder keeps the lock, a crashed one's lock is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from sv_desktop.paths import app_paths
from sv_desktop.store.instance_lock import acquire_instance_lock

_HOLDER = textwrap.dedent("""
    import sys, time
    from sv_desktop.paths import app_paths
    from sv_desktop.store.instance_lock import acquire_instance_lock
    lock = acquire_instance_lock(app_paths(sys.argv[1]))
    print("held" if lock is not None else "refused", flush=True)
    time.sleep(120)
""")


def test_second_acquire_in_the_same_process_is_refused(paths):
    first = acquire_instance_lock(paths)
    assert first is not None and first.isLocked()
    assert acquire_instance_lock(paths) is None
    first.unlock()
    again = acquire_instance_lock(paths)
    assert again is not None
    again.unlock()


def test_a_running_holder_keeps_it_and_a_killed_one_is_taken_over(paths):
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(paths.data_dir)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert acquire_instance_lock(paths) is None, "a live sv-desktop's lock must never be broken"
        if os.name != "nt":
            holder.send_signal(signal.SIGKILL)
        else:
            holder.kill()
        holder.wait(30)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(30)
    assert paths.lock_file.exists(), "the crashed process left its lock file behind"
    taken = acquire_instance_lock(paths)
    assert taken is not None
    taken.unlock()
    assert not paths.lock_file.exists()


def test_the_lock_creates_the_data_folder(tmp_path):
    paths = app_paths(tmp_path / "new" / "data")
    lock = acquire_instance_lock(paths)
    assert lock is not None and paths.data_dir.is_dir()
    lock.unlock()
