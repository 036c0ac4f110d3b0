"""stations.apis.fields: every ModelSerializer normalises identifiers and
names the way the models and forms do, before checking their length."""

from rest_framework import serializers

from jobs.models import Employer


def test_every_model_serializer_normalises_identifiers_before_checking_their_length():
    class EmployerCodeSerializer(serializers.ModelSerializer):
        class Meta:
            model = Employer
            fields = ["credit_code", "contact_name"]
            extra_kwargs = {"credit_code": {"validators": []}}

    serializer = EmployerCodeSerializer(
        data={"credit_code": "９１３５ ０１００ Ｍ０００ １００Ｙ４３", "contact_name": " 王\u200b经理 "}
    )
    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data == {"credit_code": "91350100M000100Y43", "contact_name": "王经理"}
