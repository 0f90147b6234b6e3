//! The C entry points on arbitrary bytes: score with the default model and with a loaded
//! one, templates; every call returns a status, and every string it hands out is freed.
#![no_main]

use std::ffi::c_char;

use cmmm_ffi::c::*;
use cmmm_ffi::Status;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (ptr, len) = (data.as_ptr() as *const c_char, data.len());
    let mut out: *mut c_char = std::ptr::null_mut();
    let mut out_len = 0usize;
    // SAFETY: `data` is `len` readable bytes; the out-parameters are writable locals, and
    // each string handed out is freed once.
    unsafe {
        if cmmm_score_json(ptr, len, &mut out, &mut out_len) == Status::Ok {
            assert!(!out.is_null());
        }
        cmmm_string_free(out);
        let mut model: *mut CmmmModel = std::ptr::null_mut();
        if cmmm_model_load(ptr, len, &mut model) == Status::Ok {
            let profile = c"discrete";
            if cmmm_template_json(model, profile.as_ptr(), &mut out, &mut out_len) == Status::Ok {
                cmmm_string_free(out);
            }
        }
        cmmm_model_free(model);
        let opts = CmmmOptions {
            allow_missing: true,
            has_target: true,
            target: data.first().map_or(0, |b| b % 7),
            detail: data.get(1).map_or(0, |b| b % 5),
        };
        let _ = cmmm_score_json_opts(ptr, len, &opts, &mut out, &mut out_len);
        cmmm_string_free(out);
    }
});
