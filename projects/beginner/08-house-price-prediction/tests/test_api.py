"""Task 5: the prediction API, tested the way a client uses it: over HTTP, in JSON."""

import json

import numpy as np
import pytest
from fastapi.testclient import TestClient

from house_prices.api import create_app
from house_prices.models import save_model
from house_prices.schema import MAX_BATCH_SIZE, House, houses_to_frame

RELATIVE_TOLERANCE = 1e-9  # JSON carries doubles: the price must come through unchanged


def post(client, path: str, advice: str = "", **request):
    """POST as a client would; a crash of the service fails the test with what crashed."""
    try:
        return client.post(path, **request)
    except Exception as crash:  # the test client re-raises what crashed the service
        pytest.fail(
            f"Task 5: POST {path} crashed the service with {type(crash).__name__}: {crash}. "
            f"A client must get a status code (200, or 422 for bad input), never a crash. {advice}"
        )


def field_errors(response) -> list[tuple]:
    """The location of each error of a 422 response, e.g. ('body', 'gr_liv_area')."""
    return [tuple(error["loc"]) for error in response.json()["detail"]]


def check_rejected(response, field: str, problem: str) -> None:
    assert response.status_code == 422, (
        f"Task 5: a request with {problem} should be refused with 422, got "
        f"{response.status_code}: {response.text[:300]}"
    )
    locations = field_errors(response)
    assert any(location[-1] == field for location in locations), (
        f"Task 5: the 422 for {problem} should name the field {field!r} in an error's 'loc', "
        f"got {locations}"
    )


@pytest.mark.task(5)
def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200 and response.json().get("status") == "ok", (
        f"Task 5: GET /health should answer 200 with status 'ok', got {response.status_code}: "
        f"{response.text[:300]}"
    )
    assert response.json().get("model") == "TransformedTargetRegressor", (
        "Task 5: /health should name the class of the model loaded at start-up, got "
        f"{response.json()}"
    )


@pytest.mark.task(5)
def test_predict_one_house(client, example_house, served_model):
    response = post(client, "/predict", json=example_house)
    assert response.status_code == 200, (
        f"Task 5: POST /predict with a valid house should answer 200, got "
        f"{response.status_code}: {response.text[:300]}"
    )
    expected = served_model.predict(houses_to_frame([House(**example_house)]))[0]
    price = response.json().get("price")
    assert isinstance(price, float) and np.isclose(price, expected, rtol=RELATIVE_TOLERANCE), (
        f"Task 5: the price should be the model's prediction for the house, {expected:,.2f} "
        f"dollars, got {price!r}"
    )


@pytest.mark.task(5)
def test_unknown_values_may_be_left_out(client, example_house):
    house = {
        key: value
        for key, value in example_house.items()
        if key not in ("lot_frontage", "functional", "sale_condition")
    }
    response = post(client, "/predict", json=house | {"lot_frontage": None})
    assert response.status_code == 200 and response.json()["price"] > 0, (
        "Task 5: lot_frontage may be null and functional and sale_condition left out (the "
        "schema gives them defaults); the model's imputer fills the unknown frontage; got "
        f"{response.status_code}: {response.text[:300]}"
    )


@pytest.mark.task(5)
def test_every_house_of_the_data_is_a_valid_request(ames):
    rejected = []
    for position, record in enumerate(ames.to_dict(orient="records")):
        try:
            House.from_record(record)
        except ValueError as error:
            rejected.append((position, str(error).splitlines()[:3]))
    assert not rejected, (
        f"Task 5: {len(rejected)} real houses were refused by the schema, for example "
        f"{rejected[:2]}: a rule that rejects real houses loses good rows"
    )


@pytest.mark.task(5)
def test_batch_of_real_houses(client, real_houses, served_model):
    response = post(client, "/predict/batch", json={"houses": real_houses})
    assert response.status_code == 200, (
        f"Task 5: POST /predict/batch with {len(real_houses)} real houses should answer 200, "
        f"got {response.status_code}: {response.text[:300]}"
    )
    prices = response.json().get("prices")
    expected = served_model.predict(houses_to_frame([House(**house) for house in real_houses]))
    assert isinstance(prices, list) and len(prices) == len(real_houses), (
        f"Task 5: expected {len(real_houses)} prices, one per house, got "
        f"{None if prices is None else len(prices)}"
    )
    assert np.allclose(prices, expected, rtol=RELATIVE_TOLERANCE), (
        "Task 5: the batch's prices should be the model's predictions, in the order the houses "
        f"were sent; the first three should be {np.round(expected[:3], 2).tolist()}, got "
        f"{np.round(prices[:3], 2).tolist()}"
    )


BAD_FIELDS = [
    ("gr_liv_area", "missing", "a required field left out"),
    ("lot_area", "big", "a number that is not one"),
    ("full_bath", 1.5, "a fraction where a count is expected"),
    ("year_built", 1700, "a year before the earliest allowed"),
    ("year_sold", 2024, "a sale outside the years the model knows"),
    ("garage_cars", -1, "a negative count"),
    ("neighborhood", "Atlantis", "a neighbourhood that is not in Ames"),
    ("overall_cond", "average", "a level in the wrong case"),
    ("garage_cars", None, "null for a required field"),
    ("gr_liv_aera", 1_800, "a misspelt extra field"),
]


@pytest.mark.task(5)
@pytest.mark.parametrize(("field", "value", "problem"), BAD_FIELDS, ids=[b[2] for b in BAD_FIELDS])
def test_bad_field_is_refused_by_name(client, example_house, field, value, problem):
    house = dict(example_house)
    if value == "missing":
        del house[field]
    else:
        house[field] = value
    check_rejected(post(client, "/predict", json=house), field, problem)


@pytest.mark.task(5)
def test_floors_larger_than_the_living_area_are_refused(client, example_house):
    house = example_house | {"first_flr_sf": 1_200, "second_flr_sf": 900, "gr_liv_area": 1_800}
    response = post(client, "/predict", json=house)
    check_rejected(response, "gr_liv_area", "floors adding up to more than gr_liv_area")
    message = " ".join(error["msg"] for error in response.json()["detail"])
    assert "first_flr_sf" in message and "second_flr_sf" in message, (
        "Task 5: the error should say which fields disagree (first_flr_sf and second_flr_sf), "
        f"got {message!r}"
    )


@pytest.mark.task(5)
def test_floor_check_skips_a_floor_that_is_already_invalid(client, example_house):
    response = post(client, "/predict", json=example_house | {"first_flr_sf": "big"})
    check_rejected(response, "first_flr_sf", "a floor area that is not a number")
    assert ("body", "gr_liv_area") not in field_errors(response), (
        "Task 5: when first_flr_sf is itself invalid it is missing from info.data: report only "
        f"its own error, not a second one on gr_liv_area; got {field_errors(response)}"
    )


@pytest.mark.task(5)
def test_bedrooms_and_kitchens_must_fit_in_the_rooms(client, example_house):
    house = example_house | {"bedroom_abvgr": 4, "kitchen_abvgr": 1, "totrms_abvgrd": 4}
    check_rejected(post(client, "/predict", json=house), "totrms_abvgrd", "too few rooms")


def post_raw(client, body: bytes, advice: str = ""):
    headers = {"content-type": "application/json"}
    return post(client, "/predict", advice, content=body, headers=headers)


@pytest.mark.task(5)
def test_nan_is_refused_by_name(client, example_house):
    body = json.dumps(example_house | {"lot_area": "__NAN__"}).replace('"__NAN__"', "NaN")
    response = post_raw(
        client,
        body.encode(),
        "FastAPI's default 422 echoes each bad input back, and NaN cannot be written as JSON: "
        "answer with loc, msg and type only (validation_error)",
    )
    check_rejected(response, "lot_area", "NaN in a number (Python's json module reads it)")


@pytest.mark.task(5)
def test_broken_json_is_a_clear_422(client):
    response = post_raw(client, b'{"lot_area": 9000')
    assert response.status_code == 422 and response.json()["detail"][0]["type"] == "json_invalid", (
        "Task 5: a body that is not JSON should be refused with 422 (json_invalid), got "
        f"{response.status_code}: {response.text[:300]}"
    )


@pytest.mark.task(5)
def test_batch_too_large_is_refused(client, real_houses):
    houses = (real_houses * 2)[: MAX_BATCH_SIZE + 1]
    response = post(client, "/predict/batch", json={"houses": houses})
    check_rejected(response, "houses", f"{MAX_BATCH_SIZE + 1} houses in one batch")
    assert str(MAX_BATCH_SIZE) in response.text, (
        f"Task 5: the error should tell the client the limit, {MAX_BATCH_SIZE}; got "
        f"{response.text[:300]}"
    )


@pytest.mark.task(5)
def test_empty_batch_is_refused(client):
    check_rejected(post(client, "/predict/batch", json={"houses": []}), "houses", "no houses")


@pytest.mark.task(5)
def test_batch_error_points_at_the_house(client, real_houses):
    houses = [dict(house) for house in real_houses[:5]]
    houses[3]["lot_area"] = -5
    response = post(client, "/predict/batch", json={"houses": houses})
    assert response.status_code == 422 and ("body", "houses", 3, "lot_area") in field_errors(
        response
    ), (
        "Task 5: a bad field in the fourth house of a batch should be reported at "
        f"['body', 'houses', 3, 'lot_area'], got {response.status_code}: {response.text[:300]}"
    )


@pytest.mark.task(5)
def test_openapi_documents_the_contract(client):
    spec = client.get("/openapi.json").json()
    for path in ("/health", "/predict", "/predict/batch"):
        assert path in spec["paths"], f"Task 5: the OpenAPI schema should list {path}"
    house = spec["components"]["schemas"]["House"]["properties"]
    assert "North_Ames" in house["neighborhood"].get("enum", []), (
        "Task 5: the schema should list the allowed neighbourhoods as an enum"
    )
    assert house["gr_liv_area"].get("minimum") == 300, (
        "Task 5: the schema should carry the ranges of the numbers (gr_liv_area minimum 300)"
    )
    batch = spec["components"]["schemas"]["HouseBatch"]["properties"]["houses"]
    assert batch.get("maxItems") == MAX_BATCH_SIZE, (
        f"Task 5: the schema should tell clients the batch limit, maxItems {MAX_BATCH_SIZE}"
    )
    assert client.get("/docs").status_code == 200, "Task 5: the interactive docs live at /docs"


@pytest.mark.task(5)
def test_model_is_loaded_once_at_start_up(served_model, tmp_path, example_house):
    path = save_model(served_model, tmp_path / "model.skops")
    with TestClient(create_app(path)) as client:
        path.unlink()  # a service that read the file for each request would now fail
        responses = [post(client, "/predict", json=example_house) for _ in range(3)]
    assert [response.status_code for response in responses] == [200] * 3, (
        "Task 5: after start-up the model file was deleted and the service stopped working: "
        "load the model once, in the lifespan, and keep it in app.state"
    )


@pytest.mark.task(5)
def test_missing_model_stops_the_service_at_start_up(tmp_path):
    missing = tmp_path / "no-such-model.skops"
    try:
        with TestClient(create_app(missing)):
            pass
    except FileNotFoundError as error:
        assert missing.name in str(error), (
            f"Task 5: the start-up error should name the missing file, got {error}"
        )
    else:
        pytest.fail(
            "Task 5: a service whose model file is missing started anyway: load the model in "
            "the lifespan (load_model raises FileNotFoundError), so that it fails at start-up"
        )
