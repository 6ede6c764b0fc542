"""
The entries of a zip archive, counted before Python's zipfile reads them.

``zipfile.ZipFile`` parses the whole central directory into ``ZipInfo`` objects when it opens an
archive, before the first entry can be refused: a 55 MB zip of 600,000 empty entries took 4 s and
393 MB before "more than 200000 entries", and a 500 MB one would take gigabytes.  The central
directory is walked here first, record by record (APPNOTE 4.3.12: a 46-byte header, then the name,
the extra field and the comment, whose lengths it gives), found from the end of central directory
record (4.3.16, and the zip64 one, 4.3.14-15); the walk stops once the limit is passed.  The count
the end record declares is not trusted: zipfile itself walks the directory's bytes.

Examples:
    >>> import io, zipfile
    >>> data = io.BytesIO()
    >>> with zipfile.ZipFile(data, "w") as archive:
    ...     for name in ("a", "b", "c"):
    ...         archive.writestr(name, b"x")
    >>> count_entries(data, limit=10), count_entries(data, limit=1)
    (3, 2)
    >>> count_entries(io.BytesIO(b"not a zip")) is None
    True
"""

import struct

END = struct.Struct("<4s4H2LH")            # end of central directory record (22 bytes + comment)
END_SIGNATURE = b"PK\x05\x06"
LOCATOR = struct.Struct("<4sLQL")          # zip64 end of central directory locator (20 bytes)
LOCATOR_SIGNATURE = b"PK\x06\x07"
END64 = struct.Struct("<4sQ2H2L4Q")        # zip64 end of central directory record (56 bytes)
END64_SIGNATURE = b"PK\x06\x06"
ENTRY = struct.Struct("<4s6H3L5H2L")       # central directory file header (46 bytes)
ENTRY_SIGNATURE = b"PK\x01\x02"
MAX_COMMENT = 0xFFFF


def count_entries(stream, limit=None):
    """The number of entries of the zip archive ``stream`` (seekable, binary), counting stops at ``limit``
    + 1; None when no central directory is found (zipfile then says what is wrong)."""
    size = stream.seek(0, 2)
    tail_size = min(size, END.size + MAX_COMMENT)
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    at = tail.rfind(END_SIGNATURE)
    if at < 0 or len(tail) - at < END.size:
        return None
    end_at = size - tail_size + at
    _, _, _, _, _, directory_size, _, _ = END.unpack_from(tail, at)
    if end_at >= LOCATOR.size + END64.size:  # zip64 (over 65535 entries or 4 GiB): its record comes first
        stream.seek(end_at - LOCATOR.size)
        locator = stream.read(LOCATOR.size)
        if len(locator) == LOCATOR.size and locator.startswith(LOCATOR_SIGNATURE):
            stream.seek(end_at - LOCATOR.size - END64.size)
            record = stream.read(END64.size)
            if len(record) == END64.size and record.startswith(END64_SIGNATURE):
                directory_size = END64.unpack(record)[8]
                end_at -= LOCATOR.size + END64.size
    # as zipfile does: the directory ends where the end record starts (data may be prepended to the zip)
    position, count = max(0, end_at - directory_size), 0
    stream.seek(position)
    while position + ENTRY.size <= end_at and (limit is None or count <= limit):
        header = stream.read(ENTRY.size)
        if len(header) < ENTRY.size or not header.startswith(ENTRY_SIGNATURE):
            break  # not a directory record: zipfile reports the damage
        fields = ENTRY.unpack(header)
        extra = fields[10] + fields[11] + fields[12]  # name, extra field and comment lengths
        stream.seek(extra, 1)
        position += ENTRY.size + extra
        count += 1
    return count
