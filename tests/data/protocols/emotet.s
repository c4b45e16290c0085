220 opmta1mto02nd1 smtp.orange.fr ESMTP server ready
250-opmta1mto02nd1 hello [173.66.46.97], pleased to meet you
250-HELP
250-AUTH LOGIN PLAIN
250-SIZE 46000000
250-ENHANCEDSTATUSCODES
250-8BITMIME
250 OK
334 VXNlcm5hbWU6
334 UGFzc3dvcmQ6
235 2.7.0 ... authentication succeeded
250 2.1.0 <raulparedes@wanadoo.fr> sender ok
250 2.1.5 <mitzy.torres@2080.cl> recipient ok
354 OK
