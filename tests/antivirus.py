"""A private clamd for the tests that upload files (tests/flows, tests/e2e): one per test session.

It is a root fixture (imported by tests/conftest.py) so that every directory shares the one daemon
and its socket, settings.CLAMD_SOCKET.
"""

import hashlib
import shutil
import subprocess
import time

from django.conf import settings

import pytest

from flows import antivirus
from tests.tooling import require_tool

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@pytest.fixture(scope="session")
def clamd(tmp_path_factory):
    """A private clamd with a signature database made from the EICAR string only (offline).

    The .hdb matches the EICAR file itself; the .ndb matches its body anywhere, so EICAR inside a
    DOCX (clamd unpacks zip archives) or appended to a PDF is caught too.
    """
    # Debian puts clamd in /usr/sbin, which an ordinary user's PATH may lack.
    binary = shutil.which("clamd") or shutil.which("clamd", path="/usr/sbin:/sbin")
    require_tool(binary is not None, "clamd is not installed (bin/install-system-packages test)")
    root = tmp_path_factory.mktemp("clamd")
    database = root / "db"
    database.mkdir()
    (database / "eicar.hdb").write_text(
        f"{hashlib.md5(EICAR, usedforsecurity=False).hexdigest()}:{len(EICAR)}:Eicar-Test-Signature\n"
    )
    (database / "eicar.ndb").write_text(f"Eicar-Test-Signature-Body:0:*:{EICAR.hex()}\n")
    socket_path = settings.CLAMD_SOCKET
    config = root / "clamd.conf"
    config.write_text(
        f"LocalSocket {socket_path}\nDatabaseDirectory {database}\nForeground yes\n"
        f"LogFile {root / 'clamd.log'}\nTemporaryDirectory {root}\nStreamMaxLength 20M\n"
    )
    process = subprocess.Popen(
        [binary, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(300):
            if antivirus.ping():
                break
            if process.poll() is not None:
                pytest.fail(f"clamd exited: {(root / 'clamd.log').read_text()}")
            time.sleep(0.1)
        else:
            pytest.fail("clamd did not start within 30 s")
        yield socket_path
    finally:
        process.terminate()
        process.wait(timeout=10)
