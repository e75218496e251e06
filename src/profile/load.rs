//! Reading a profile from JSON text, with errors located by JSON path.

#[cfg(feature = "profile-check")]
use super::check;
use super::Profile;
use serde::Serialize;

/// A problem in a profile, located by JSON path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ProfileError {}

/// Parses and checks a profile. A profile with any error is rejected whole.
#[cfg(feature = "profile-check")]
pub fn load(json: &str) -> Result<Profile, Vec<ProfileError>> {
    if json.len() > crate::limits::MAX_PROFILE_BYTES {
        return Err(vec![too_large()]);
    }
    let mut profile = parse(json)?;
    profile.english_not_loaded = profile.lacks_english();
    let errors = check(&profile);
    if errors.is_empty() {
        Ok(profile)
    } else {
        Err(errors)
    }
}

/// The error for a profile over [`crate::limits::MAX_PROFILE_BYTES`], refused before it is read.
pub fn too_large() -> ProfileError {
    ProfileError {
        path: String::new(),
        message: format!(
            "the profile is larger than {} bytes; the regulations' profiles are under 150 KB",
            crate::limits::MAX_PROFILE_BYTES
        ),
    }
}

/// Parses a profile without the cross-checks, for the built-in ones (which the test suite checks).
/// A serde error is located by the JSON path of its position in the text; its message keeps the
/// line and column for text that is not JSON, and for a key written twice, whose path names the
/// object that holds both.
pub fn parse(json: &str) -> Result<Profile, Vec<ProfileError>> {
    let json = crate::strip_bom(json);
    serde_json::from_str(json).map_err(|e| {
        let path = crate::json_path::of_error(json, &e);
        let mut message = e.to_string();
        if e.is_data() && !message.starts_with("duplicate field") {
            let at = format!(" at line {} column {}", e.line(), e.column());
            message.truncate(message.strip_suffix(&at).map_or(message.len(), str::len));
        }
        // Amounts are written as strings, exact in decimal: say so where a number was written.
        let number = ["invalid type: integer `", "invalid type: floating point `"]
            .iter()
            .find_map(|prefix| message.strip_prefix(prefix))
            .filter(|_| message.contains("expected a string"))
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string);
        if let Some(number) = number {
            message.push_str(&format!(" (write it in quotes: \"{number}\")"));
        }
        vec![ProfileError { path, message }]
    })
}
