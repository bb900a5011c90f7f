"""Posting an admin change form in a test: the form's current values and every inline's management form."""

M2M_FIELDS = ("domains", "partnership_types", "engagement_practices", "dynamics", "regions", "departments")


def change_form_data(response, **changes) -> dict:
    """What the change form rendered in `response` posts back unchanged, with `changes` applied.

    Inlines are posted empty (no row added, existing rows as they are), whatever inlines the admin has.
    """
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if name in M2M_FIELDS or isinstance(value, list | tuple):
            data[name] = [str(item.pk if hasattr(item, "pk") else item) for item in value]
        else:
            data[name] = value
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for subform in formset.initial_forms:
            for name in subform.fields:
                value = subform[name].value()
                if value is not None:
                    data[subform.add_prefix(name)] = value
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(formset.initial_forms)
    data.update(changes)
    return data
