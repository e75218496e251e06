//! The other way each value could cross the boundary: as the JavaScript value itself, read or
//! built by serde-wasm-bindgen, beside the JSON text the package sends. `benches/crossing.mjs`
//! times both in one module, built with the feature `crossing` by
//! `pkg-scripts/build-crossing.sh`; the package's modules have none of this.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{options_of, type_error, validation_options, with_next_registry, Validator, CITATIONS};
use crate::json_text;
use crate::live::Delta;
use crate::model::input::{object, Input};
use crate::profile::{Profile, ProfileError};

/// A value as a JavaScript object: maps as plain objects, as `JSON.parse` would give them.
fn to_value<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)
}

fn from_value(value: JsValue) -> Result<OwnedInput, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| type_error(&e.to_string()))
}

/// Validation options read from JSON text, as `validate` and `Validator` read them.
#[wasm_bindgen(js_name = "__optionsFromText")]
pub fn options_from_text(options: &str) -> Result<(), JsValue> {
    validation_options(options).map(drop)
}

/// The same options read from the object.
#[wasm_bindgen(js_name = "__optionsFromValue")]
pub fn options_from_value(options: JsValue) -> Result<(), JsValue> {
    options_of(&from_value(options)?.0).map(drop)
}

/// `loadProfile` with the profile read from the object, answering with an object.
#[wasm_bindgen(js_name = "__loadProfileValue")]
pub fn load_profile_value(profile: JsValue) -> Result<JsValue, JsValue> {
    let result = with_next_registry(|next| {
        let profile: Profile = serde_wasm_bindgen::from_value(profile).map_err(|e| {
            vec![ProfileError {
                path: String::new(),
                message: e.to_string(),
            }]
        })?;
        next.add(profile).map(|p| p.id.clone())
    });
    to_value(&result)
}

#[wasm_bindgen]
impl Validator {
    /// `setScalar` with the value read by serde-wasm-bindgen rather than by its type's own reads.
    #[wasm_bindgen(js_name = "__setScalarSerde")]
    pub fn set_scalar_serde(&mut self, path: &str, value: JsValue) -> Result<Vec<u8>, JsValue> {
        let OwnedInput(value) = from_value(value)?;
        self.edit(path, &value)
    }

    /// `setScalar` with the delta built as objects, in full: citations and fixed texts written
    /// out, as the package's wrapper gives a delta to its caller.
    #[wasm_bindgen(js_name = "__setScalarAsValue")]
    pub fn set_scalar_as_value(&mut self, path: &str, value: JsValue) -> Result<JsValue, JsValue> {
        self.edit_as_value(path, value, |delta| to_value(delta))
    }

    /// `setScalar` with the compact answer built as objects, `[epoch, delta]` with the citations
    /// and fixed texts by number, as the JSON text `setScalar` returns would parse.
    #[wasm_bindgen(js_name = "__setScalarCompactValue")]
    pub fn set_scalar_compact_value(
        &mut self,
        path: &str,
        value: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.edit_as_value(path, value, |delta| compact_value(delta))
    }

    /// `report` with the compact answer built as objects.
    #[wasm_bindgen(js_name = "__reportCompactValue")]
    pub fn report_compact_value(&mut self) -> Result<JsValue, JsValue> {
        self.report_answering(compact_value)
    }
}

/// A compact answer, `[epoch, value]` with the citations and fixed texts by number, built as
/// objects.
fn compact_value<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    CITATIONS.with(|table| {
        let mut table = table
            .try_borrow_mut()
            .map_err(|_| type_error("the citation table is in use"))?;
        let epoch = table.epoch();
        json_text::citing(&mut table, || to_value(&(epoch, value)))
    })
}

impl Validator {
    fn edit_as_value(
        &mut self,
        path: &str,
        value: JsValue,
        write: impl FnOnce(&Delta) -> Result<JsValue, JsValue>,
    ) -> Result<JsValue, JsValue> {
        let OwnedInput(value) = from_value(value)?;
        self.edit_answering(path, &value, write)
    }
}

/// An input read from a JavaScript value by serde-wasm-bindgen, owning its strings.
struct OwnedInput(Input<'static>);

impl<'de> Deserialize<'de> for OwnedInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<OwnedInput, D::Error> {
        deserializer.deserialize_any(InputVisitor).map(OwnedInput)
    }
}

struct InputVisitor;

impl<'de> Visitor<'de> for InputVisitor {
    type Value = Input<'static>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Input<'static>, E> {
        Ok(Input::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Input<'static>, E> {
        Ok(Input::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Input<'static>, E> {
        Ok(Input::Number(Cow::Owned(n.to_string())))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Input<'static>, E> {
        Ok(Input::Number(Cow::Owned(n.to_string())))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Input<'static>, E> {
        // As `serde_json::Value` has it: JSON has no NaN or infinity.
        Ok(match serde_json::Number::from_f64(n) {
            Some(n) => Input::Number(Cow::Owned(n.to_string())),
            None => Input::Null,
        })
    }

    fn visit_str<E>(self, s: &str) -> Result<Input<'static>, E> {
        Ok(Input::String(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Input<'static>, E> {
        Ok(Input::String(Cow::Owned(s)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Input<'static>, A::Error> {
        let mut items = Vec::new();
        while let Some(OwnedInput(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Input::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Input<'static>, A::Error> {
        let mut members = Vec::new();
        while let Some((key, OwnedInput(value))) = map.next_entry::<String, OwnedInput>()? {
            members.push((Cow::Owned(key), value));
        }
        Ok(object(members))
    }
}
