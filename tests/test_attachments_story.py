"""Issue 12's story: what really travels between Almaty and Tashkent.

The KZ prosecutor attaches the freezing order and its translation and writes the facts in
Russian and English; the KZ central authority sends a signed request whose Russian letter is
entirely in Russian; the UZ side acknowledges with its registration number, executes with the
bank records attached and each measure's outcome; the KZ side downloads the package and sees
the enclosures listed in the execution letter.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile

import pytest
from pypdf import PdfReader

from casetrack import clock
from casetrack.db import db
from tests.factories import api_client, make_case, office, sent_request, signed_in

FACTS_RU = "Группа лиц получала возврат НДС по фиктивному экспорту через подставные компании."
FACTS_EN = "A group obtained VAT refunds for fictitious exports through shell companies."


def make_certificate(folder, office_code: str) -> None:
    """A self-signed signing certificate for one office, as CASETRACK_SIGNING_DIR holds it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{office_code} MLA signing"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, office_code),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    (folder / f"{office_code}.key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (folder / f"{office_code}.cert.pem").write_bytes(
        certificate.public_bytes(serialization.Encoding.PEM)
    )


@pytest.fixture
def signing_dir(directory_app, tmp_path):
    make_certificate(tmp_path, "KZ-GPO")
    make_certificate(tmp_path, "UZ-TAS")
    directory_app.config["SIGNING_DIR"] = str(tmp_path)
    return tmp_path


def pdf_of(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


def text_of(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    # Words hyphenated at a line's end come back whole.
    return re.sub(r"\s+", " ", re.sub(r"[\u2010\u00ad-]\s*\n\s*", "", text))


def upload(api, path: str, data: bytes, name: str, **fields):
    return api.client.post(
        path,
        data={"file": (io.BytesIO(data), name), **fields},
        headers=api.headers,
        content_type="multipart/form-data",
    )


def step(api, rid: int, action: str, **fields):
    answer = api.post(f"/api/v1/requests/{rid}/transitions", json={"action": action, **fields})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def issue(api, rid: int, kind: str, lang: str) -> bytes:
    client = api.client
    answer = client.get(
        f"/api/v1/requests/{rid}/documents/{kind}.pdf?lang={lang}", headers=api.headers
    )
    assert answer.status_code == 200
    return answer.data


def test_the_story(directory_app, people, signing_dir):
    kz = api_client(directory_app, people.almaty)
    kz_ca = api_client(directory_app, people.kz_ca)
    uz = api_client(directory_app, people.tashkent)
    with directory_app.app_context():
        case = make_case(
            db.session,
            office=office(db.session, "KZ-ALM"),
            reference="ALM-2026-0147",
            title="Мошенничество с возвратом НДС",
        )
        db.session.commit()
        case_id = case.id

    # The KZ prosecutor drafts the request in Russian and English.
    created = kz.post(
        "/api/v1/requests",
        json={
            "case_id": case_id,
            "requested_office": "UZ-TAS",
            "languages": ["ru", "en"],
            "legal_bases": [{"treaty": "MINSK1993", "articles": ""}],
            "subject": {"ru": "Арест банковского счёта", "en": "Freezing of a bank account"},
            "proceedings_stage": {
                "ru": "Досудебное расследование",
                "en": "Pre-trial investigation",
            },
            "proceedings_authority": {
                "ru": "Прокуратура города Алматы",
                "en": "Almaty City Prosecutor's Office",
            },
            "facts": {"ru": FACTS_RU, "en": FACTS_EN},
            "offences": {"ru": "ч. 4 ст. 190 УК РК", "en": "Art. 190(4) CC RK"},
            "offence_text": {"ru": "Статья 190. Мошенничество.", "en": "Article 190. Fraud."},
            "damage": {"ru": "Ущерб бюджету", "en": "Loss to the budget"},
            "purpose": {"ru": "Обеспечить конфискацию", "en": "To secure confiscation"},
            "assistance_types": ["records", "freezing"],
            "measures": {
                "ru": [
                    {"text": "Наложить арест на счёт UZ21…0001"},
                    {"text": "Предоставить выписки по счёту за 2023–2025 годы"},
                ],
                "en": [
                    {"text": "Freeze account UZ21…0001"},
                    {"text": "Provide statements of the account for 2023–2025"},
                ],
            },
            "signatory_name": {"ru": "Сейткали А.", "en": "A. Seitkali"},
            "signatory_title": {"ru": "Прокурор города Алматы", "en": "Prosecutor of Almaty"},
        },
    )
    assert created.status_code == 201, created.get_json()
    rid = created.get_json()["id"]
    assert created.get_json()["texts"]["facts"] == {"ru": FACTS_RU, "en": FACTS_EN}

    # A language the request does not use is refused, and nothing changes.
    refused = kz.patch(
        f"/api/v1/requests/{rid}",
        json={"version": created.get_json()["version"], "facts": {"kk": "Деректер"}},
    )
    assert refused.status_code == 422
    assert "facts" in refused.get_json()["error"]["fields"]

    # He attaches the freezing order and its translation.
    files = f"/api/v1/requests/{rid}/attachments"
    order = upload(
        kz,
        files,
        pdf_of("Постановление об аресте"),
        "order.pdf",
        kind="order",
        title="Постановление суда об аресте счёта",
        language="ru",
    )
    translation = upload(
        kz,
        files,
        pdf_of("Freezing order"),
        "order-en.pdf",
        kind="translation",
        title="Перевод постановления на английский язык",
        language="en",
    )
    assert order.status_code == 201 and translation.status_code == 201

    report = kz.get(f"/api/v1/requests/{rid}/completeness").get_json()
    assert report["complete"], report["missing"]

    # The KZ central authority approves, sends, and issues the signed Russian letter.
    step(kz, rid, "submit")
    step(kz_ca, rid, "approve")
    step(kz_ca, rid, "send")
    client = signed_in(directory_app, people.kz_ca)
    assert (
        client.post(f"/requests/{rid}/documents/request/issue", data={"lang": "ru"}).status_code
        == 302
    )
    letter = issue(kz_ca, rid, "request", "ru")
    from casetrack.documents import signing

    with directory_app.app_context():
        verdict = signing.check(letter)
    assert verdict["status"] == "valid" and "KZ-GPO" in verdict["signer"]
    words = text_of(letter)
    assert FACTS_RU in words and FACTS_EN not in words
    assert "Копия запроса, направленного" in words
    # Entirely Russian: the only Latin letters are references, codes and the account number.
    latin = set(re.findall(r"[A-Za-z]{3,}", words)) - {"ALM", "TAS", "SHA"}
    assert not latin, latin
    assert "Постановление суда об аресте счёта" in words  # the annex list comes from the files

    # The UZ side acknowledges under its registration number, executes with the bank records.
    step(
        uz,
        rid,
        "acknowledge",
        registration_number="UZ-TAS/IN/2026/57",
        registered_on=clock.today().isoformat(),
    )
    step(uz, rid, "start")
    records = upload(
        uz,
        files,
        pdf_of("Выписка по счёту"),
        "statements.pdf",
        kind="evidence",
        title="Выписки по счёту UZ21…0001",
        language="ru",
    ).get_json()
    # Before it is enclosed, the response material is the UZ side's own.
    assert kz.get(f"/api/v1/attachments/{records['id']}").status_code == 404
    step(
        uz,
        rid,
        "execute",
        comment="Арест наложен 3 ноября.",
        outcomes=[
            {"measure": 1, "result": "done", "note": "Арест наложен"},
            {
                "measure": 2,
                "result": "partly",
                "note": "За 2025 год данных нет",
                "attachment_ids": [records["id"]],
            },
        ],
        enclosures=[records["id"]],
    )
    ack = text_of(issue(uz, rid, "acknowledgement", "ru"))
    assert "UZ-TAS/IN/2026/57" in ack and "не указан" not in ack
    execution = text_of(issue(uz, rid, "execution", "ru"))
    assert "Выписки по счёту UZ21…0001" in execution
    assert "исполнено частично" in execution and "За 2025 год данных нет" in execution
    assert "Арест наложен 3 ноября." in execution

    # The KZ side downloads the package: the letters, the files and the manifest.
    package = signed_in(directory_app, people.almaty).get(f"/requests/{rid}/package.zip")
    assert package.status_code == 200
    assert package.headers["Content-Disposition"].startswith("attachment;")
    archive = zipfile.ZipFile(io.BytesIO(package.data))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["reference"] == created.get_json()["reference"]
    assert manifest["requested_office"]["code"] == "UZ-TAS"
    kinds = {entry["kind"] for entry in manifest["files"]}
    assert {"letter:request", "order", "translation", "evidence"} <= kinds
    import hashlib

    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["name"])).hexdigest() == entry["sha256"]
    assert kz.get(f"/api/v1/attachments/{records['id']}").status_code == 200


def test_a_tampered_signed_pdf_fails_validation(directory_app, people, signing_dir):
    from casetrack.documents import signing

    with directory_app.app_context():
        signed = signing.sign(pdf_of("Запрос"), "KZ-GPO")
        assert signing.check(signed)["status"] == "valid"
        assert signing.check(signed)["is_trusted"]
        tampered = bytearray(signed)
        middle = len(tampered) // 3
        tampered[middle] = (tampered[middle] + 1) % 256
        assert signing.check(bytes(tampered))["status"] == "invalid"
        assert signing.check(pdf_of("unsigned"))["status"] == "none"

    # Uploaded, the page and the API say whether the signature holds and who signed.
    uz = api_client(directory_app, people.tashkent)
    with directory_app.app_context():
        # A request of Almaty's that Tashkent is executing.
        rid = sent_request(db.session, people).id
        db.session.commit()
    path = f"/api/v1/requests/{rid}/attachments"
    good = upload(uz, path, signed, "signed.pdf", kind="signed_scan").get_json()
    bad = upload(uz, path, bytes(tampered), "tampered.pdf", kind="signed_scan").get_json()
    assert good["signature"]["status"] == "valid" and "KZ-GPO" in good["signature"]["signer"]
    assert bad["signature"]["status"] == "invalid"
