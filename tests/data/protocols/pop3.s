+OK POP server ready H migmxus005
+OK password required for user "cicciopernacchio@mail.com"
+OK mailbox "cicciopernacchio@mail.com" has 2 messages (17672 octets) H migmxus005
+OK
1 16196
2 1476
.
+OK
1 0LnyLp-1TsNI72MLw-00g8zj
2 0Mhti8-1SycGg1Hjn-00MsFf
.
+OK
Return-Path: <lorenzo.miniero@unina.it>
Delivered-To: GMX delivery to cicciopernacchio@mail.com
Received: (qmail invoked by alias); 09 Oct 2012 09:58:07 -0000
Received: from smtp1.unina.it (EHLO smtp1.unina.it) [192.132.34.61]
  by mx0.gmx.com (mx-us017) with SMTP; 09 Oct 2012 05:58:07 -0400
Received: from lminiero-acer ([143.225.229.181])
	(authenticated bits=0)
	by smtp1.unina.it (8.14.4/8.14.4) with ESMTP id q999w5wC028069
	(version=TLSv1/SSLv3 cipher=DHE-RSA-AES128-SHA bits=128 verify=NO)
	for <cicciopernacchio@mail.com>; Tue, 9 Oct 2012 11:58:06 +0200
Date: Tue, 9 Oct 2012 11:57:53 +0200
From: Lorenzo Miniero <lorenzo.miniero@unina.it>
To: cicciopernacchio@mail.com
Subject: Mail importante
Message-ID: <20121009115753.53a5bacd@lminiero-acer>
Organization: UniNA
X-Mailer: Claws Mail 3.7.8 (GTK+ 2.22.0; i386-redhat-linux-gnu)
Mime-Version: 1.0
Content-Type: text/plain; charset=US-ASCII
Content-Transfer-Encoding: 7bit
X-GMX-Antivirus: 0 (no virus found)
X-GMX-Antispam: 5 (BackTrace mail analyze);
 Detail=5D7Q89H36p4L00VTXC6D4q0N+AH0PUCnGL2vqOgpaBYL16oitsMrgPmd5OTScXXTHRJ/k
 f13r7//hg0LRriN7IKwq46o3kc/GDjCEavH9r4hKeXNKrHXCQ==V1;

Ciao Ciccio,

hai un nome ridicolo!

Distinti saluti,
L.

-- 
Lorenzo Miniero, Ph.D.
Dipartimento di Informatica e Sistemistica
Universita' degli Studi di Napoli "Federico II"
Via Claudio 21 -- 80125 Napoli (Italy)
Phone: +390817683821 - Fax: +390817683816
Email: lorenzo.miniero@unina.it
.
+OK POP server signing off
