//! Build script: lays the embedded GeoNames table out for use with no parsing at run time.
//!
//! `data/gazetteer/geonames.tsv.gz` (written by `tools/gazetteer/build.py --geo`) is
//! decompressed into `OUT_DIR`, and beside it go, for the library's `geo::table`:
//!
//! - `geonames.places`: one 48-byte little-endian record per place line, in file order:
//!   `geonames u32, name offset u32, name length u16, alternates length u16, feature offset
//!   u32, feature, country, admin1 and admin2 lengths u16 each, lat f64, lon f64,
//!   population u64` (offsets into the text; the alternates follow the name and its tab,
//!   country, admin1 and admin2 the feature, each after a tab);
//! - `geonames.keys` and `geonames.ids`: the name index, `u32` lookup keys (see
//!   `src/geo/keys.rs`) sorted, and beside each the place it names (ascending among equal
//!   keys), one entry per place and key;
//! - `geonames.countries`: the places that are countries (`A.PCL*`), ascending.
//!
//! Lines are read as `str::lines`, `str::split` and `str::parse` read them; a line that
//! does not parse is no place (as the loader used to skip it).

use std::error::Error;
use std::io::Read;
use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/geo/keys.rs"]
mod keys;

/// Bytes of one place record.
const RECORD: usize = 48;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/geo/keys.rs");
    println!("cargo::rerun-if-changed=data/gazetteer/geonames.tsv.gz");
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    let gz = std::fs::read("data/gazetteer/geonames.tsv.gz")?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut text)?;
    let mut records = Vec::with_capacity(text.len() / 60 * RECORD);
    let mut index: Vec<(u32, u32)> = Vec::new();
    let mut countries = Vec::new();
    let (mut norm, mut seen) = (String::new(), Vec::new());
    let base = text.as_ptr() as usize;
    let offset =
        |s: &str| -> Result<u32, Box<dyn Error>> { Ok(u32::try_from(s.as_ptr() as usize - base)?) };
    let len =
        |s: &str| -> Result<[u8; 2], Box<dyn Error>> { Ok(u16::try_from(s.len())?.to_le_bytes()) };
    let mut n = 0u32;
    for line in text.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').take(10).collect();
        let [
            gid,
            name,
            alternates,
            lat,
            lon,
            feature,
            country,
            admin1,
            admin2,
            population,
        ] = f[..]
        else {
            continue;
        };
        let (Ok(gid), Ok(lat), Ok(lon), Ok(population)) = (
            gid.parse::<u32>(),
            lat.parse::<f64>(),
            lon.parse::<f64>(),
            population.parse::<u64>(),
        ) else {
            continue;
        };
        records.extend_from_slice(&gid.to_le_bytes());
        records.extend_from_slice(&offset(name)?.to_le_bytes());
        records.extend_from_slice(&len(name)?);
        records.extend_from_slice(&len(alternates)?);
        records.extend_from_slice(&offset(feature)?.to_le_bytes());
        for s in [feature, country, admin1, admin2] {
            records.extend_from_slice(&len(s)?);
        }
        records.extend_from_slice(&lat.to_bits().to_le_bytes());
        records.extend_from_slice(&lon.to_bits().to_le_bytes());
        records.extend_from_slice(&population.to_le_bytes());
        seen.clear();
        for nm in std::iter::once(name).chain(alternates.split('|').filter(|a| !a.is_empty())) {
            let k = keys::index_key(keys::name_key(nm, &mut norm));
            if !seen.contains(&k) {
                seen.push(k);
                index.push((k, n));
            }
        }
        if feature.starts_with("A.PCL") {
            countries.extend_from_slice(&n.to_le_bytes());
        }
        n += 1;
    }
    index.sort_unstable();
    let (mut ks, mut ids) = (Vec::new(), Vec::new());
    for (k, i) in index {
        ks.extend_from_slice(&k.to_le_bytes());
        ids.extend_from_slice(&i.to_le_bytes());
    }
    std::fs::write(out.join("geonames.tsv"), &text)?;
    std::fs::write(out.join("geonames.places"), &records)?;
    std::fs::write(out.join("geonames.keys"), &ks)?;
    std::fs::write(out.join("geonames.ids"), &ids)?;
    std::fs::write(out.join("geonames.countries"), &countries)?;
    Ok(())
}
