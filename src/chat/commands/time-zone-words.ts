// Reads a word of `digest on` as a time zone: an IANA name or its city, any case ("berlin" → Europe/Berlin).

export type ZoneReading =
  | { kind: "zone"; zone: string }
  | { kind: "ambiguous"; zones: string[] }
  | { kind: "none" };

/** "New_York", "new-york" and "newyork" are the same city to a person typing it. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[_-]/g, "");
}

let zonesByName: Map<string, string[]> | undefined;

/** Every zone under its full name and under each place in it (city, and the state in America/Indiana/…). */
function zoneNames(): Map<string, string[]> {
  if (zonesByName) return zonesByName;
  const names = new Map<string, string[]>();
  const add = (name: string, zone: string) => {
    const list = names.get(name) ?? [];
    if (!list.includes(zone)) list.push(zone);
    names.set(name, list);
  };
  for (const zone of Intl.supportedValuesOf("timeZone")) {
    add(squash(zone), zone);
    const parts = zone.split("/");
    // The region ("Europe", "America") names a continent, not a zone: a topic word may be one.
    for (const place of parts.slice(1)) add(squash(place), zone);
  }
  zonesByName = names;
  return names;
}

export function readTimeZoneWord(word: string): ZoneReading {
  if (/^(utc|gmt)$/i.test(word)) return { kind: "zone", zone: "UTC" };
  const zones = zoneNames().get(squash(word));
  if (!zones) return { kind: "none" };
  if (zones.length === 1) return { kind: "zone", zone: zones[0] as string };
  return { kind: "ambiguous", zones };
}
