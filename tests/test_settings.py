"""Settings: defaults < factcheck.toml < FACTCHECK_* < flags, and clear errors. One behaviour each."""

from __future__ import annotations

import dataclasses
import ipaddress
from pathlib import Path

import pytest

from factcheck.errors import SettingsError
from factcheck.settings import PARSERS, WAYBACK, Settings, load_settings


def write_config(folder: Path, text: str, name: str = "factcheck.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_field_has_a_parser() -> None:
    assert list(PARSERS) == [f.name for f in dataclasses.fields(Settings)]


def test_defaults_without_config_or_environment(tmp_path: Path) -> None:
    settings = load_settings(env={}, cwd=tmp_path)
    # the one default kept out of the dataclass, so Settings() in code never asks the web
    assert settings == Settings(memento_timegate=WAYBACK)
    assert Settings().memento_timegate == ""
    assert settings.db == Path("factcheck.db")
    assert settings.cache == Path("cache")
    assert (settings.delay, settings.contact, settings.allow_private) == (1.0, "", ())
    assert (settings.timeout, settings.max_bytes, settings.concurrency) == (20.0, 5_000_000, 8)
    assert settings.match_cutoff == 55.0


def test_config_file_in_cwd_overrides_defaults(tmp_path: Path) -> None:
    write_config(tmp_path, 'delay = 2\ncontact = "desk@example.org"\nmax_bytes = 1000\n')
    settings = load_settings(env={}, cwd=tmp_path)
    assert (settings.delay, settings.contact, settings.max_bytes) == (2.0, "desk@example.org", 1000)


def test_environment_overrides_config(tmp_path: Path) -> None:
    write_config(tmp_path, "delay = 2\ntimeout = 5\n")
    settings = load_settings(env={"FACTCHECK_DELAY": "0.5"}, cwd=tmp_path)
    assert (settings.delay, settings.timeout) == (0.5, 5.0)


def test_environment_names_every_field(tmp_path: Path) -> None:
    env = {
        "FACTCHECK_DB": "/data/fc.db",
        "FACTCHECK_CACHE": "/data/cache",
        "FACTCHECK_CONTACT": "https://example.org/contact",
        "FACTCHECK_MATCH_CUTOFF": "70",
        "FACTCHECK_CONCURRENCY": "2",
    }
    settings = load_settings(env=env, cwd=tmp_path)
    assert (settings.db, settings.cache) == (Path("/data/fc.db"), Path("/data/cache"))
    assert (settings.contact, settings.match_cutoff, settings.concurrency) == (
        "https://example.org/contact",
        70.0,
        2,
    )


def test_empty_environment_variable_counts_as_unset(tmp_path: Path) -> None:
    write_config(tmp_path, "delay = 2\n")
    assert load_settings(env={"FACTCHECK_DELAY": ""}, cwd=tmp_path).delay == 2.0


def test_overrides_beat_environment_and_none_is_ignored(tmp_path: Path) -> None:
    env = {"FACTCHECK_DB": "env.db", "FACTCHECK_DELAY": "3"}
    settings = load_settings(
        env=env, cwd=tmp_path, overrides={"db": Path("flag.db"), "delay": None}
    )
    assert (settings.db, settings.delay) == (Path("flag.db"), 3.0)


def test_explicit_config_is_read_instead_of_cwd_file(tmp_path: Path) -> None:
    write_config(tmp_path, "delay = 2\n")
    other = write_config(tmp_path, "delay = 7\n", name="other.toml")
    assert load_settings(config=other, env={}, cwd=tmp_path).delay == 7.0


def test_relative_paths_in_config_are_relative_to_its_folder(tmp_path: Path) -> None:
    (tmp_path / "etc").mkdir()
    config = write_config(tmp_path / "etc", 'db = "fc.db"\ncache = "/var/cache/fc"\n')
    settings = load_settings(config=config, env={})
    assert (settings.db, settings.cache) == (tmp_path / "etc" / "fc.db", Path("/var/cache/fc"))


def test_allow_private_from_comma_list_with_spaces_and_ipv6(tmp_path: Path) -> None:
    env = {"FACTCHECK_ALLOW_PRIVATE": " 10.0.0.0/8 , 127.0.0.1,fd00::/8 ,"}
    assert load_settings(env=env, cwd=tmp_path).allow_private == (
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("fd00::/8"),
    )


@pytest.mark.parametrize("value", ['["192.168.0.0/16", "::1"]', '"192.168.0.0/16, ::1"'])
def test_allow_private_in_config_as_array_or_string(tmp_path: Path, value: str) -> None:
    write_config(tmp_path, f"allow_private = {value}\n")
    assert load_settings(env={}, cwd=tmp_path).allow_private == (
        ipaddress.ip_network("192.168.0.0/16"),
        ipaddress.ip_network("::1/128"),
    )


# variable, value, words the error must contain
BAD_ENV = [
    ("FACTCHECK_DELAY", "soon", "not a number"),
    ("FACTCHECK_DELAY", "-1", "must be >= 0"),
    ("FACTCHECK_DELAY", "nan", "not a finite number"),
    ("FACTCHECK_TIMEOUT", "0", "must be > 0"),
    ("FACTCHECK_MAX_BYTES", "1.5", "not a whole number"),
    ("FACTCHECK_CONCURRENCY", "0", "must be >= 1"),
    ("FACTCHECK_MATCH_CUTOFF", "101", "between 0 and 100"),
    ("FACTCHECK_ALLOW_PRIVATE", "10.0.0.0/33", "bad CIDR"),
    ("FACTCHECK_ALLOW_PRIVATE", "192.168.1.5/24", "host bits"),
    ("FACTCHECK_CONTACT", "me\r\nX-Evil: 1", "control characters"),
]


@pytest.mark.parametrize(("variable", "value", "words"), BAD_ENV)
def test_bad_environment_value_names_the_variable(
    tmp_path: Path, variable: str, value: str, words: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(env={variable: value}, cwd=tmp_path)
    assert str(caught.value).startswith(f"{variable}: ")
    assert words in str(caught.value)


# config text, line of the error, key, words the error must contain
BAD_CONFIG = [
    ('contact = "x"\ndelay = "soon"\n', 2, "delay", "not a number"),
    ("\n\ndelay = -0.5\n", 3, "delay", "must be >= 0"),
    ("delay = true\n", 1, "delay", "expected a number, got a boolean"),
    ("db = 3\n", 1, "db", "expected a non-empty path, got an integer"),
    ("concurrency = 2.5\n", 1, "concurrency", "expected a whole number, got a float"),
    ("contact = []\n", 1, "contact", "expected a string, got an array"),
    ('allow_private = ["10.0.0.0/8", "nope"]\n', 1, "allow_private", "bad CIDR"),
    ("allow_private = 10\n", 1, "allow_private", "expected CIDRs, got an integer"),
]


@pytest.mark.parametrize(("text", "line", "key", "words"), BAD_CONFIG)
def test_bad_config_value_names_file_line_and_key(
    tmp_path: Path, text: str, line: int, key: str, words: str
) -> None:
    path = write_config(tmp_path, text)
    with pytest.raises(SettingsError) as caught:
        load_settings(env={}, cwd=tmp_path)
    assert str(caught.value).startswith(f"{path}:{line}: {key}: ")
    assert words in str(caught.value)


def test_unknown_config_key_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = write_config(tmp_path, 'db = "fc.db"\n# a comment\ndelai = 2\n')
    with pytest.raises(SettingsError, match="did you mean 'delay'") as caught:
        load_settings(env={}, cwd=tmp_path)
    assert str(caught.value).startswith(f"{path}:3: delai: unknown setting")


def test_unknown_config_table_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = write_config(tmp_path, "delay = 1\n\n[fetch]\ntimeout = 3\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(env={}, cwd=tmp_path)
    assert str(caught.value).startswith(f"{path}:3: fetch: unknown setting")


def test_toml_syntax_error_gives_its_line(tmp_path: Path) -> None:
    path = write_config(tmp_path, "delay = 1\ncontact = oops\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(env={}, cwd=tmp_path)
    assert str(caught.value).startswith(f"{path}:2: invalid TOML: ")
    assert "(at line" not in str(caught.value)


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="cannot read config file") as caught:
        load_settings(config=Path("missing.toml"), env={}, cwd=tmp_path)
    assert caught.value.path == str(tmp_path / "missing.toml")


def test_bad_override_names_the_flag(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"^--max-bytes: must be > 0"):
        load_settings(env={}, cwd=tmp_path, overrides={"max_bytes": 0})


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().delay = 0  # type: ignore[misc]
