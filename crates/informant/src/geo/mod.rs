//! Places on the map: Location entities resolved to GeoNames places with coordinates.
//!
//! After resolution, the pipeline's geo stage looks each Location entity up in an
//! embedded GeoNames table (countries, first- and second-order divisions, populated
//! places of 1,000 people or more; CC BY 4.0, see `data/gazetteer/README.md`) and
//! chooses the namesake the document points to (`Alexandria, La.` is in Louisiana,
//! not Egypt). The chosen place's fields go into the entity's attributes:
//!
//! | attribute | value |
//! | --- | --- |
//! | `geonames` | GeoNames id (integer), where the table has one |
//! | `lat`, `lon` | WGS84 degrees |
//! | `feature` | GeoNames class.code: `P.PPL`, `P.PPLC`, `A.PCLI`, `A.ADM1`, `A.ADM2`, ... |
//! | `place_name` | the GeoNames name of the place |
//! | `country`, `admin1`, `admin2` | ISO country code, first-order division code, US county or parish name |
//! | `population` | GeoNames population, where known |
//! | `evidence` | why this namesake: `pattern`, `context`, `country in document`, ... |
//! | `confidence` | how sure, from 0 to 1 (the winner's share of the candidates' scores) |
//!
//! Nationality entities of a known country (`American forces`) keep their type and
//! link to the country the same way (evidence `demonym`). See `docs/geo.md`.
//!
//! # Example
//! ```
//! let doc = informant::Pipeline::new().extract("ALEXANDRIA, La. — Floods closed roads in Alexandria.")?;
//! let e = doc.entities().iter().find(|e| e.name.contains("Alexandria")).unwrap();
//! assert_eq!(e.attributes["admin1"], "LA");
//! let fc = doc.to_geojson();
//! assert_eq!(fc["type"], "FeatureCollection");
//! # Ok::<(), informant::Error>(())
//! ```

mod keys;
pub(crate) mod recognise;
mod resolve;
mod table;

pub use recognise::PlaceQualifiers;
pub(crate) use recognise::{one_mention_per_nested_place, weak_unknown_place};
pub(crate) use resolve::resolve_places;
pub use table::{Place, lookup, place_count};

use serde_json::{Value, json};

use crate::document::{Document, EntityType};
use crate::span::OffsetMap;

/// The resolved places of a document as a GeoJSON `FeatureCollection`: one `Point`
/// feature per Location entity with coordinates (`[lon, lat]`, as GeoJSON orders
/// them), its properties the entity's id, name, type and place attributes, the
/// number of mentions and the first mention's code-point offsets. folium's `GeoJson`
/// and geopandas' `GeoDataFrame.from_features` read it as it is.
pub fn to_geojson(doc: &Document) -> Value {
    let map = OffsetMap::new(doc.text());
    let mut features = Vec::new();
    for e in doc.entities() {
        if e.entity_type != EntityType::Location {
            continue;
        }
        let (Some(lat), Some(lon)) = (
            e.attributes.get("lat").and_then(Value::as_f64),
            e.attributes.get("lon").and_then(Value::as_f64),
        ) else {
            continue;
        };
        let mut props = serde_json::Map::new();
        props.insert("entity".into(), e.id.clone().into());
        props.insert("name".into(), e.name.clone().into());
        props.insert("type".into(), e.entity_type.as_str().into());
        props.insert("mentions".into(), e.mentions.len().into());
        if let Some(m) = e.mentions.first().and_then(|&i| doc.mentions().get(i)) {
            let (s, t) = map.span_to_chars(m.span);
            props.insert("start".into(), s.into());
            props.insert("end".into(), t.into());
        }
        for k in [
            "geonames",
            "place_name",
            "feature",
            "country",
            "admin1",
            "admin2",
            "population",
            "confidence",
            "evidence",
        ] {
            if let Some(v) = e.attributes.get(k) {
                props.insert(k.into(), v.clone());
            }
        }
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": props,
        }));
    }
    json!({"type": "FeatureCollection", "features": features})
}
