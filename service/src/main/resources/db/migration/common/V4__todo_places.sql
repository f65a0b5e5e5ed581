-- A to-do's optional place: a circle (centre in micro-degrees, as locations keep theirs; radius in metres).
-- All four are NULL together when the to-do has none.
ALTER TABLE todos ADD COLUMN place_lat_e6 INTEGER;
ALTER TABLE todos ADD COLUMN place_lng_e6 INTEGER;
ALTER TABLE todos ADD COLUMN place_radius_m INTEGER;
ALTER TABLE todos ADD COLUMN place_label TEXT;
-- `near` with `within_m` narrows to a bounding box on these columns before the exact great-circle distance;
-- owner first, as every non-admin list is one owner's.
CREATE INDEX todos_owner_place ON todos (owner_id, place_lat_e6, place_lng_e6);
CREATE INDEX todos_place ON todos (place_lat_e6, place_lng_e6);
