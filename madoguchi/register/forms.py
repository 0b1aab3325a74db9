"""The clerk's search form: what may be typed, and what is wrong with it."""

from typing import Any

import jaconv
from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.japanese.errors import JapaneseInputError
from madoguchi.japanese.wareki import PartialDate, parse_date
from madoguchi.register.search import Criteria


class SearchForm(forms.Form):
    name = forms.CharField(
        label=_("氏名(漢字・かな)"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
        help_text=_("姓だけ、名だけ、「姓 名」のどれでも。前方一致。"),
    )
    birth_date = forms.CharField(
        label=_("生年月日"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("例: S50.4.1、昭和50年4月1日、1975-04-01、S50(年だけ)"),
    )
    address = forms.CharField(
        label=_("住所"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("町名から。例: 中央町1-2"),
    )
    atena_number = forms.CharField(
        label=_("宛名番号"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_birth_date(self) -> PartialDate | None:
        text = self.cleaned_data["birth_date"].strip()
        if not text:
            return None
        try:
            return parse_date(text, field=str(self.fields["birth_date"].label))
        except JapaneseInputError as error:
            raise forms.ValidationError(str(error)) from error

    def clean_atena_number(self) -> str:
        text = jaconv.z2h(self.cleaned_data["atena_number"].strip(), digit=True)
        if text and not text.isdigit():
            raise forms.ValidationError(_("宛名番号は数字で入力してください。"))
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not any(cleaned.values()):
            raise forms.ValidationError(
                _("氏名・生年月日・住所・宛名番号のどれかを入力してください。")
            )
        return cleaned

    def criteria(self) -> Criteria:
        data = self.cleaned_data
        return Criteria(
            name=data["name"].strip(),
            birth_date=data["birth_date"],
            address=data["address"].strip(),
            atena_number=data["atena_number"],
        )
