//! Text encodings of CSV questionnaires: UTF-8 (with or without a byte-order mark) or
//! GBK/GB18030, as Chinese office software writes them. Detection reads the **whole** input:
//! a file is UTF-8 when every byte of it is, else GB18030 (a superset of GBK) when every
//! byte of it is; anything else is an error that names the first bad byte and asks for the
//! encoding.

use std::io::Read;

use crate::error::SheetError;

/// The encoding of a CSV input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 when the whole input is UTF-8, else GB18030 when the whole input is.
    #[default]
    Auto,
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// GBK (read as GB18030, its superset).
    Gbk,
    /// GB18030.
    Gb18030,
}

impl std::str::FromStr for Encoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Encoding, String> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "gbk" => Ok(Encoding::Gbk),
            "gb18030" => Ok(Encoding::Gb18030),
            other => Err(format!(
                "unknown encoding `{other}` (expected auto, utf-8, gbk or gb18030)"
            )),
        }
    }
}

/// Bytes read at a time while checking.
const BLOCK: usize = 256 << 10;

/// Where the first byte that is not valid in an encoding is.
struct Bad {
    offset: u64,
    line: u64,
}

/// Scans `input` to its end and returns the first byte that is not valid UTF-8, if any
/// (std's validation, much faster than decoding).
fn first_bad_utf8(mut input: impl Read) -> std::io::Result<Option<Bad>> {
    let mut buf = vec![0u8; BLOCK + 4];
    // Bytes of an unfinished character carried to the front; offset and line of buf[0].
    let (mut carry, mut offset, mut line) = (0usize, 0u64, 1u64);
    loop {
        let n = input.read(&mut buf[carry..carry + BLOCK])?;
        let end = carry + n;
        let valid = match std::str::from_utf8(&buf[..end]) {
            Ok(_) => end,
            // A character cut by the end of the block: finish it with the next read.
            Err(e) if e.error_len().is_none() && n > 0 => e.valid_up_to(),
            Err(e) => {
                let at = e.valid_up_to();
                line += memchr::memchr_iter(b'\n', &buf[..at]).count() as u64;
                return Ok(Some(Bad {
                    offset: offset + at as u64,
                    line,
                }));
            }
        };
        if n == 0 {
            return Ok(None);
        }
        line += memchr::memchr_iter(b'\n', &buf[..valid]).count() as u64;
        offset += valid as u64;
        buf.copy_within(valid..end, 0);
        carry = end - valid;
    }
}

/// Scans `input` to its end and returns the first byte not valid in `encoding`, if any.
fn first_bad(
    input: impl Read,
    encoding: &'static encoding_rs::Encoding,
) -> std::io::Result<Option<Bad>> {
    if encoding == encoding_rs::UTF_8 {
        return first_bad_utf8(input);
    }
    let mut input = input;
    let mut decoder = encoding.new_decoder_with_bom_removal();
    let mut block = vec![0u8; BLOCK];
    let mut scratch = vec![0u8; BLOCK * 3 + 16];
    let (mut offset, mut line) = (0u64, 1u64);
    loop {
        let n = input.read(&mut block)?;
        let last = n == 0;
        let mut read = 0;
        while read < n || last {
            let (result, r, _) =
                decoder.decode_to_utf8_without_replacement(&block[read..n], &mut scratch, last);
            let bad = match result {
                // The bad bytes end `r` bytes in (they may have begun in the last block).
                encoding_rs::DecoderResult::Malformed(len, _) => {
                    Some((read + r).saturating_sub(usize::from(len)))
                }
                _ => None,
            };
            if let Some(at) = bad {
                let at = at.min(n);
                line += memchr::memchr_iter(b'\n', &block[..at]).count() as u64;
                return Ok(Some(Bad {
                    offset: offset + at as u64,
                    line,
                }));
            }
            read += r;
            if matches!(result, encoding_rs::DecoderResult::InputEmpty) {
                break;
            }
        }
        if last {
            return Ok(None);
        }
        line += memchr::memchr_iter(b'\n', &block[..n]).count() as u64;
        offset += n as u64;
    }
}

/// Decides the encoding of the input that `open` opens (once for each encoding tried),
/// reading it whole — up to `max` bytes: a larger input (or an endless one) is an error.
pub(crate) fn decide<R: Read>(
    asked: Encoding,
    max: u64,
    mut open: impl FnMut() -> Result<R, SheetError>,
) -> Result<&'static encoding_rs::Encoding, SheetError> {
    let check = |encoding, open: &mut dyn FnMut() -> Result<R, SheetError>| {
        let mut input = open()?.take(max.saturating_add(1));
        let bad = first_bad(&mut input, encoding).map_err(|e| SheetError::Io(e.to_string()))?;
        if input.limit() == 0 {
            return Err(SheetError::TooLarge {
                what: "the file",
                limit: max,
                option: "--max-file-mb",
            });
        }
        Ok(bad)
    };
    let (encoding, name) = match asked {
        Encoding::Utf8 => (encoding_rs::UTF_8, "UTF-8"),
        Encoding::Gbk | Encoding::Gb18030 => (encoding_rs::GB18030, "GBK/GB18030"),
        Encoding::Auto => {
            let Some(utf8_bad) = check(encoding_rs::UTF_8, &mut open)? else {
                return Ok(encoding_rs::UTF_8);
            };
            if check(encoding_rs::GB18030, &mut open)?.is_none() {
                return Ok(encoding_rs::GB18030);
            }
            return Err(SheetError::Encoding {
                asked: None,
                offset: utf8_bad.offset,
                line: utf8_bad.line,
            });
        }
    };
    match check(encoding, &mut open)? {
        None => Ok(encoding),
        Some(bad) => Err(SheetError::Encoding {
            asked: Some(name),
            offset: bad.offset,
            line: bad.line,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide_bytes(bytes: &[u8], asked: Encoding) -> Result<&'static str, SheetError> {
        decide(asked, 1 << 30, || Ok(bytes)).map(|e| e.name())
    }

    #[test]
    fn an_endless_input_is_refused_at_the_limit() {
        let err = decide(Encoding::Auto, 1 << 20, || Ok(std::io::repeat(b'a'))).unwrap_err();
        assert_eq!(err.code(), "too-large");
        assert!(err.to_string().contains("--max-file-mb"), "{err}");
    }

    #[test]
    fn the_whole_input_decides() {
        let (gbk, _, _) = encoding_rs::GBK.encode("企业甲,全部满足\n");
        // Chinese text only after the first block: a prefix would have said UTF-8.
        let mut late = "a,b\n".repeat(BLOCK / 2).into_bytes();
        late.extend_from_slice(&gbk);
        assert_eq!(decide_bytes(&late, Encoding::Auto).unwrap(), "gb18030");
        assert_eq!(
            decide_bytes("企业,全部满足\n".as_bytes(), Encoding::Auto).unwrap(),
            "UTF-8"
        );
        assert_eq!(
            decide_bytes(b"\xEF\xBB\xBFa,b\n", Encoding::Auto).unwrap(),
            "UTF-8"
        );
        assert_eq!(decide_bytes(b"", Encoding::Auto).unwrap(), "UTF-8");
        assert_eq!(decide_bytes(&gbk, Encoding::Gbk).unwrap(), "gb18030");
    }

    #[test]
    fn utf8_characters_cut_by_a_block_end_are_valid() {
        // "企" is three bytes; put it across the first block boundary, then a bad byte.
        let mut bytes = vec![b'a'; BLOCK - 1];
        bytes.extend_from_slice("企业".as_bytes());
        assert_eq!(decide_bytes(&bytes, Encoding::Utf8).unwrap(), "UTF-8");
        bytes.push(b'\n');
        bytes.push(0xFF);
        let err = decide_bytes(&bytes, Encoding::Utf8).unwrap_err();
        let at = bytes.len() - 1;
        assert!(
            err.to_string().contains(&format!("byte {at} (line 2)")),
            "{err}"
        );
        // A character cut short at the very end of the file is not valid.
        let cut = &"a企".as_bytes()[..3];
        assert!(decide_bytes(cut, Encoding::Utf8).is_err());
    }

    #[test]
    fn a_text_in_no_encoding_is_an_error_naming_the_byte() {
        // 0xFF is never valid in UTF-8 or GB18030.
        let bytes = b"a,b\nc,\xFF\n";
        let err = decide_bytes(bytes, Encoding::Auto).unwrap_err();
        assert_eq!(err.code(), "invalid-encoding");
        assert!(err.to_string().contains("byte 6 (line 2)"), "{err}");
        assert!(err.to_string().contains("--encoding"), "{err}");
        let (gbk, _, _) = encoding_rs::GBK.encode("企业\n");
        let err = decide_bytes(&gbk, Encoding::Utf8).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("not UTF-8 text: byte 0 (line 1)"),
            "{err}"
        );
        assert!(err.message(cmmm_model::Lang::Zh).contains("UTF-8"));
    }
}
