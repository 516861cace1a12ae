'use strict';
// The owner type-ahead asks for the staff of the organisation chosen on the same form.
django.jQuery.ajaxPrefilter(function(options) {
    if (!options.url || options.url.indexOf('/owner-autocomplete/') === -1) {
        return;
    }
    const organisation = document.getElementById('id_organisation');
    if (organisation && organisation.value) {
        options.data = (options.data ? options.data + '&' : '') +
            'organisation=' + encodeURIComponent(organisation.value);
    }
});
