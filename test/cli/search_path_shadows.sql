-- Run by test/cli/search_path.sh as ar_shadow, a plain user who owns the database and so schema public.
-- Every function and operator the CLI's SQL uses (and a few it might: format, concat, btrim, coalesce)
-- gets an exact-type overload in public that overload resolution prefers over pg_catalog's when public
-- comes first in search_path (the database's default below), some (|| (text, bigint), = (oid, regclass),
-- unnest(oid[]), jsonb_build_object(text, ...)) even when it does not. Each returns the right value, so
-- only shadow_calls tells that it ran.
\set ON_ERROR_STOP 1
SET search_path = pg_catalog, pg_temp;

CREATE TABLE public.shadow_calls (shadow text NOT NULL, called_at timestamptz NOT NULL DEFAULT now());
GRANT INSERT ON public.shadow_calls TO PUBLIC;
CREATE FUNCTION public.shadow_hit(shadow text) RETURNS void LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$ INSERT INTO public.shadow_calls (shadow) VALUES ($1) $$;

-- Operators: a recording function and the operator over it.
CREATE FUNCTION public.shadow_cat_text_bigint(text, bigint) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('|| (text, bigint)'); RETURN $1 OPERATOR(pg_catalog.||) $2::text; END $$;
CREATE OPERATOR public.|| (LEFTARG = text, RIGHTARG = bigint, FUNCTION = public.shadow_cat_text_bigint);
CREATE FUNCTION public.shadow_cat_text(text, text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('|| (text, text)'); RETURN $1 OPERATOR(pg_catalog.||) $2; END $$;
CREATE OPERATOR public.|| (LEFTARG = text, RIGHTARG = text, FUNCTION = public.shadow_cat_text);

CREATE FUNCTION public.shadow_eq_text(text, text) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('= (text, text)'); RETURN $1 OPERATOR(pg_catalog.=) $2; END $$;
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.shadow_eq_text);
CREATE FUNCTION public.shadow_eq_int8(bigint, bigint) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('= (bigint, bigint)'); RETURN $1 OPERATOR(pg_catalog.=) $2; END $$;
CREATE OPERATOR public.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = public.shadow_eq_int8);
CREATE FUNCTION public.shadow_eq_int84(bigint, integer) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('= (bigint, integer)'); RETURN $1 OPERATOR(pg_catalog.=) $2; END $$;
CREATE OPERATOR public.= (LEFTARG = bigint, RIGHTARG = integer, FUNCTION = public.shadow_eq_int84);
CREATE FUNCTION public.shadow_eq_name(name, name) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('= (name, name)'); RETURN $1 OPERATOR(pg_catalog.=) $2; END $$;
CREATE OPERATOR public.= (LEFTARG = name, RIGHTARG = name, FUNCTION = public.shadow_eq_name);
CREATE FUNCTION public.shadow_eq_char("char", "char") RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('= ("char", "char")'); RETURN $1 OPERATOR(pg_catalog.=) $2; END $$;
CREATE OPERATOR public.= (LEFTARG = "char", RIGHTARG = "char", FUNCTION = public.shadow_eq_char);
CREATE FUNCTION public.shadow_eq_oid(oid, oid) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('= (oid, oid)'); RETURN $1 OPERATOR(pg_catalog.=) $2; END $$;
CREATE OPERATOR public.= (LEFTARG = oid, RIGHTARG = oid, FUNCTION = public.shadow_eq_oid);
CREATE FUNCTION public.shadow_eq_regclass(oid, regclass) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('= (oid, regclass)'); RETURN $1 OPERATOR(pg_catalog.=) $2; END $$;
CREATE OPERATOR public.= (LEFTARG = oid, RIGHTARG = regclass, FUNCTION = public.shadow_eq_regclass);
CREATE FUNCTION public.shadow_eq_regtype(oid, regtype) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('= (oid, regtype)'); RETURN $1 OPERATOR(pg_catalog.=) $2; END $$;
CREATE OPERATOR public.= (LEFTARG = oid, RIGHTARG = regtype, FUNCTION = public.shadow_eq_regtype);
CREATE FUNCTION public.shadow_eq_regnamespace(oid, regnamespace) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('= (oid, regnamespace)'); RETURN $1 OPERATOR(pg_catalog.=) $2; END $$;
CREATE OPERATOR public.= (LEFTARG = oid, RIGHTARG = regnamespace, FUNCTION = public.shadow_eq_regnamespace);
CREATE FUNCTION public.shadow_ne_name(name, name) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('<> (name, name)'); RETURN $1 OPERATOR(pg_catalog.<>) $2; END $$;
CREATE OPERATOR public.<> (LEFTARG = name, RIGHTARG = name, FUNCTION = public.shadow_ne_name);
CREATE FUNCTION public.shadow_gt_int82(bigint, smallint) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('> (bigint, smallint)'); RETURN $1 OPERATOR(pg_catalog.>) $2; END $$;
CREATE OPERATOR public.> (LEFTARG = bigint, RIGHTARG = smallint, FUNCTION = public.shadow_gt_int82);
CREATE FUNCTION public.shadow_minus_int2(smallint, smallint) RETURNS smallint LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('- (smallint, smallint)'); RETURN $1 OPERATOR(pg_catalog.-) $2; END $$;
CREATE OPERATOR public.- (LEFTARG = smallint, RIGHTARG = smallint, FUNCTION = public.shadow_minus_int2);
CREATE FUNCTION public.shadow_arrow(jsonb, integer) RETURNS jsonb LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('-> (jsonb, integer)'); RETURN $1 OPERATOR(pg_catalog.->) $2; END $$;
CREATE OPERATOR public.-> (LEFTARG = jsonb, RIGHTARG = integer, FUNCTION = public.shadow_arrow);
CREATE FUNCTION public.shadow_arrow_text(jsonb, text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('->> (jsonb, text)'); RETURN $1 OPERATOR(pg_catalog.->>) $2; END $$;
CREATE OPERATOR public.->> (LEFTARG = jsonb, RIGHTARG = text, FUNCTION = public.shadow_arrow_text);
CREATE FUNCTION public.shadow_path_text(json, text[]) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('#>> (json, text[])'); RETURN $1 OPERATOR(pg_catalog.#>>) $2; END $$;
CREATE OPERATOR public.#>> (LEFTARG = json, RIGHTARG = text[], FUNCTION = public.shadow_path_text);
-- Those of the catalog and identity steps of load.
CREATE FUNCTION public.shadow_jsonb_minus(jsonb, text[]) RETURNS jsonb LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('- (jsonb, text[])'); RETURN $1 OPERATOR(pg_catalog.-) $2; END $$;
CREATE OPERATOR public.- (LEFTARG = jsonb, RIGHTARG = text[], FUNCTION = public.shadow_jsonb_minus);
CREATE FUNCTION public.shadow_jsonb_cat(jsonb, jsonb) RETURNS jsonb LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('|| (jsonb, jsonb)'); RETURN $1 OPERATOR(pg_catalog.||) $2; END $$;
CREATE OPERATOR public.|| (LEFTARG = jsonb, RIGHTARG = jsonb, FUNCTION = public.shadow_jsonb_cat);
CREATE FUNCTION public.shadow_overlap(text[], text[]) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('&& (text[], text[])'); RETURN $1 OPERATOR(pg_catalog.&&) $2; END $$;
CREATE OPERATOR public.&& (LEFTARG = text[], RIGHTARG = text[], FUNCTION = public.shadow_overlap);
CREATE FUNCTION public.shadow_le_timestamptz(timestamptz, timestamptz) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('<= (timestamptz, timestamptz)'); RETURN $1 OPERATOR(pg_catalog.<=) $2; END $$;
CREATE OPERATOR public.<= (LEFTARG = timestamptz, RIGHTARG = timestamptz, FUNCTION = public.shadow_le_timestamptz);
CREATE FUNCTION public.strpos(text, text) RETURNS integer LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('strpos(text, text)'); RETURN pg_catalog.strpos($1, $2); END $$;
CREATE FUNCTION public.replace(text, text, text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('replace(text, text, text)'); RETURN pg_catalog.replace($1, $2, $3); END $$;

-- Functions, under pg_catalog's names.
CREATE FUNCTION public.lower(text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('lower(text)'); RETURN pg_catalog.lower($1); END $$;
CREATE FUNCTION public.md5(text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('md5(text)'); RETURN pg_catalog.md5($1); END $$;
CREATE FUNCTION public.btrim(text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('btrim(text)'); RETURN pg_catalog.btrim($1); END $$;
CREATE FUNCTION public.format(text, text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('format(text, text)'); RETURN pg_catalog.format($1, $2); END $$;
CREATE FUNCTION public.concat(text, text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('concat(text, text)'); RETURN pg_catalog.concat($1, $2); END $$;
-- COALESCE is syntax, never a function call; shadowed all the same, in case.
CREATE FUNCTION public."coalesce"(text, text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('coalesce(text, text)'); RETURN COALESCE($1, $2); END $$;
CREATE FUNCTION public.set_config(text, text, boolean) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('set_config(text, text, boolean)'); RETURN pg_catalog.set_config($1, $2, $3); END $$;
CREATE FUNCTION public.jsonb_build_object(text, text, text, text, text, text) RETURNS jsonb LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('jsonb_build_object(text x 6)'); RETURN pg_catalog.jsonb_build_object($1, $2, $3, $4, $5, $6); END $$;
CREATE FUNCTION public.jsonb_build_array(jsonb) RETURNS jsonb LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('jsonb_build_array(jsonb)'); RETURN pg_catalog.jsonb_build_array($1); END $$;
CREATE FUNCTION public.unnest(oid[]) RETURNS SETOF oid LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('unnest(oid[])'); RETURN QUERY SELECT pg_catalog.unnest($1); END $$;
CREATE FUNCTION public.unnest(text[]) RETURNS SETOF text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('unnest(text[])'); RETURN QUERY SELECT pg_catalog.unnest($1); END $$;
CREATE FUNCTION public.format_type(oid, integer) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('format_type(oid, integer)'); RETURN pg_catalog.format_type($1, $2); END $$;
CREATE FUNCTION public.pg_get_function_arguments(oid) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('pg_get_function_arguments(oid)'); RETURN pg_catalog.pg_get_function_arguments($1); END $$;
CREATE FUNCTION public.obj_description(oid, name) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('obj_description(oid, name)'); RETURN pg_catalog.obj_description($1, $2); END $$;
CREATE FUNCTION public.to_json(timestamp with time zone) RETURNS json LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('to_json(timestamptz)'); RETURN pg_catalog.to_json($1); END $$;
CREATE FUNCTION public.row_to_json(record) RETURNS json LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('row_to_json(record)'); RETURN pg_catalog.row_to_json($1); END $$;
-- The dashboard's period line.
CREATE FUNCTION public.isfinite(timestamptz) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('isfinite(timestamptz)'); RETURN pg_catalog.isfinite($1); END $$;
CREATE FUNCTION public.to_char(timestamptz, text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('to_char(timestamptz, text)'); RETURN pg_catalog.to_char($1, $2); END $$;

-- Aggregates and a window-free stand-in for count.
CREATE FUNCTION public.shadow_min_step(text, text) RETURNS text LANGUAGE plpgsql STRICT SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('min(text)');
              RETURN CASE WHEN $2 OPERATOR(pg_catalog.<) $1 THEN $2 ELSE $1 END; END $$;
CREATE AGGREGATE public.min(text) (SFUNC = public.shadow_min_step, STYPE = text);
CREATE FUNCTION public.shadow_count_step(bigint) RETURNS bigint LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('count(*)'); RETURN $1 OPERATOR(pg_catalog.+) 1; END $$;
CREATE AGGREGATE public.count(*) (SFUNC = public.shadow_count_step, STYPE = bigint, INITCOND = '0');
CREATE FUNCTION public.shadow_jsonb_agg_step(jsonb, jsonb) RETURNS jsonb LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN PERFORM public.shadow_hit('jsonb_agg(jsonb)');
              RETURN COALESCE($1, '[]'::jsonb) OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_array($2); END $$;
CREATE AGGREGATE public.jsonb_agg(jsonb) (SFUNC = public.shadow_jsonb_agg_step, STYPE = jsonb);
