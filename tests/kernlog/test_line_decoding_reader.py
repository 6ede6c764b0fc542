"""The shared read loop of the mail decoders (pagealloc.kernlog.line_decoding_reader)."""
import doctest
import io

from pagealloc.kernlog import line_decoding_reader, mail_base64, quoted_printable


def test_doc_examples():
    assert doctest.testmod(line_decoding_reader).failed == 0


def _streamed(reader):
    out = []
    while True:
        chunk = reader.read(3)
        if not chunk:
            return b"".join(out)
        out.append(chunk)


def test_both_mail_decoders_stream_what_they_decode_at_once_in_reads_of_three_bytes():
    qp = b"Subject: x\nContent-Transfer-Encoding: quoted-printable\n\nswapper/0: page allocation failure: or=\nder:0, mode:0x20 =3D\n"
    b64 = (b"Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
           b"c3dhcHBlci8wOiBwYWdlIGFsbG9jYXRpb24gZmFpbHVyZTogb3JkZXI6MCwgbW9kZTow\neDIwCg==\n")
    assert _streamed(quoted_printable.DecodingReader(io.BytesIO(qp[5:]), head=qp[:5])) == quoted_printable.decode(qp)
    assert _streamed(mail_base64.DecodingReader(io.BytesIO(b64[5:]), head=b64[:5])) == mail_base64.decode(b64)
    assert b"order:0, mode:0x20" in mail_base64.decode(b64)


def test_a_read_gives_no_more_than_it_was_asked_for():
    # text_encoding.Rewound reads into a buffer of the size asked (a base64 part streamed without
    # quoted-printable behind it); a whole decoded line longer than that waits for the next reads
    qp = b"Content-Transfer-Encoding: quoted-printable\n\nswapper/0: page allocation failure: or=\nder:0, mode:0x20 =3D\n"
    reader = quoted_printable.DecodingReader(io.BytesIO(qp[5:]), head=qp[:5])
    chunks = iter(lambda: reader.read(3), b"")
    got = list(chunks)
    assert max(map(len, got)) <= 3 and b"".join(got) == quoted_printable.decode(qp)
