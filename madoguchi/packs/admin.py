from django.contrib import admin

from madoguchi.packs.models import Counter, Department, Municipality, Office, Town

admin.site.register(Municipality)
admin.site.register(Town)
admin.site.register(Office)
admin.site.register(Department)
admin.site.register(Counter)
