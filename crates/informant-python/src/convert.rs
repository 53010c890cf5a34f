//! Conversions between core values and Python objects.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;

/// A JSON value as the Python object `json.loads` would give.
pub(crate) fn value_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                dict.set_item(k, value_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// A map of attributes as a Python dict.
pub(crate) fn attributes_to_py<'py>(
    py: Python<'py>,
    attrs: &informant::Attributes,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (k, v) in attrs {
        dict.set_item(k, value_to_py(py, v)?)?;
    }
    Ok(dict)
}

/// A confidence as the shortest decimal that reads back as the same `f32`
/// (0.85, not 0.8500000238418579), the value the JSON contract writes.
pub(crate) fn confidence(c: f32) -> f64 {
    c.to_string().parse().unwrap_or(f64::from(c))
}

/// A Python object as a JSON value, through the `json` module (for configurations).
pub(crate) fn py_to_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    let text: String = obj
        .py()
        .import("json")?
        .call_method1("dumps", (obj,))?
        .extract()?;
    serde_json::from_str(&text)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("not JSON data: {e}")))
}

/// A document date argument: an ISO 8601 `str` (`"2024-12-08"`) or a `datetime.date`
/// (a `datetime.datetime` gives its date).
pub(crate) struct DateArg(pub informant::Date);

impl<'py> FromPyObject<'_, 'py> for DateArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        use pyo3::types::{PyDate, PyString};
        if obj.cast::<PyDate>().is_ok() {
            let part = |name: &str| -> PyResult<i64> { obj.getattr(name)?.extract() };
            let (y, m, day) = (part("year")?, part("month")?, part("day")?);
            // Every datetime.date is a day of years 1 to 9999, as informant's dates are.
            return i32::try_from(y)
                .ok()
                .zip(u32::try_from(m).ok().zip(u32::try_from(day).ok()))
                .and_then(|(y, (m, day))| informant::Date::new(y, m, day))
                .map(DateArg)
                .ok_or_else(|| {
                    crate::errors::to_py(informant::Error::InvalidDate {
                        value: format!("{y:04}-{m:02}-{day:02}"),
                        message: "no such day".into(),
                    })
                });
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return informant::Date::parse(&s.to_cow()?)
                .map(DateArg)
                .map_err(crate::errors::to_py);
        }
        Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "a date is a str (YYYY-MM-DD) or a datetime.date, not {}",
            obj.get_type().name()?
        )))
    }
}
