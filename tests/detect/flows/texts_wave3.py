# texts_wave3: the human texts of the corpus's third wave (cases_wave3.py), written fresh for it,
# per language, by an author who had not read the detector; none is a translation of the first or
# second wave's lines (flowtexts.py, texts_wave2.py) and none comes from leakwatch's own tests.
# Themes: family recipes, concerts, moving house, rain-changed hikes, borrowing a drill, a dentist
# running late, a broken phone screen. Chat length, short ones included, with slang, typos,
# code-switching and emoji as people write them. Eight languages are new to the corpus: Amharic,
# Marathi, Georgian, Armenian, Kazakh, Burmese, Khmer and Sinhala.
# Besides the chat lines: mail greetings, names, handles, subjects; and the documents, bundles,
# lyrics, program-written notices, quotes and word lists the wave's hard negatives carry.

CHAT = {
    'en': ["omw, 5 min",
           "can u send me ur lasagne recipe? the one with spinach",
           "Rain's coming at 3 so let's move the hike to Sunday morning?",
           "got 2 tickets for the gig on the 14th 🎸 you in?",
           "The movers are coming at 8 tomorrow, could you help me carry the boxes down before work? I'll buy breakfast.",
           "dentist ran late, sorry!! start the board game without me"],
    'de': ["bin unterwegs, 5 min",
           "Schickst du mir dein Rezept für die Linsensuppe? Die war so lecker",
           "Ab drei soll es regnen, sollen wir die Wanderung auf Sonntag früh verschieben?",
           "hab zwei Karten fürs Konzert am 14. 🎸 bist du dabei?",
           "Kannst du mir am Samstag deine Bohrmaschine leihen? Ich will endlich die Regale im Flur aufhängen.",
           "Handy runtergefallen, Display kaputt 😭 schreib mir lieber ne Mail"],
    'fr': ["j'arrive, 5 min",
           "tu m'envoies ta recette du gratin ? celui avec les courgettes",
           "Il va pleuvoir à partir de 15h, on décale la rando à dimanche matin ?",
           "j'ai 2 places pour le concert du 14 🎸 t'es chaud ?",
           "Les déménageurs arrivent demain à 8h, tu pourrais m'aider à descendre les cartons avant le boulot ? Je paie le petit-déj.",
           "dsl le dentiste avait du retard, commencez la partie sans moi"],
    'es': ["voy para allá, 5 min",
           "¿me pasas la receta de la tortilla de tu abuela? la de cebolla",
           "Dicen que llueve a partir de las tres, ¿pasamos la excursión al domingo?",
           "tengo dos entradas para el concierto del 14 🎸 ¿te apuntas?",
           "¿Me dejas el taladro el sábado? Quiero colgar por fin las estanterías del pasillo.",
           "se me cayó el móvil y la pantalla está rota 😭 mejor escríbeme un correo"],
    'pt': ["to indo, 5 min",
           "me manda a receita do bolo de cenoura da sua mãe? aquele com cobertura",
           "Vai chover a partir das três, vamos passar a trilha pro domingo de manhã?",
           "consegui dois ingressos pro show do dia 14 🎸 bora?",
           "A mudança chega amanhã às 8, você me ajuda a descer as caixas antes do trabalho? Eu pago o café.",
           "o dentista atrasou, desculpa!! podem começar o jogo sem mim"],
    'it': ["arrivo, 5 min",
           "mi mandi la ricetta della parmigiana? quella di tua nonna",
           "Dalle tre dovrebbe piovere, spostiamo l'escursione a domenica mattina?",
           "ho due biglietti per il concerto del 14 🎸 ci stai?",
           "Sabato mi presti il trapano? Voglio finalmente appendere le mensole in corridoio.",
           "mi è caduto il telefono e lo schermo è rotto 😭 scrivimi per mail"],
    'nl': ["ben onderweg, 5 min",
           "stuur je me het recept van die stamppot? die met andijvie",
           "Vanaf drie uur gaat het regenen, zullen we de wandeling naar zondagochtend verplaatsen?",
           "heb 2 kaartjes voor het concert op de 14e 🎸 ga je mee?",
           "De verhuizers komen morgen om acht uur, kun je helpen de dozen naar beneden te dragen? Ik trakteer op ontbijt.",
           "tandarts liep uit, sorry!! begin maar zonder mij met het spel"],
    'pl': ["jestem w drodze, 5 min",
           "wyślesz mi przepis na pierogi z kapustą? te od twojej mamy",
           "Od trzeciej ma padać, przełożymy wycieczkę w góry na niedzielę rano?",
           "mam dwa bilety na koncert 14-go 🎸 idziesz?",
           "Pożyczysz mi w sobotę wiertarkę? Chcę wreszcie powiesić półki w przedpokoju.",
           "sorki, dentysta się spóźnił, zaczynajcie grać beze mnie"],
    'sv': ["är på väg, 5 min",
           "kan du skicka receptet på kanelbullarna? dina var så goda",
           "Det ska regna från tre, ska vi flytta vandringen till söndag förmiddag?",
           "har två biljetter till konserten den 14:e 🎸 hänger du med?",
           "Flyttgubbarna kommer klockan åtta imorgon, kan du hjälpa mig bära ner kartongerna innan jobbet? Jag bjuder på frukost.",
           "tandläkaren var sen, sorry!! börja spelet utan mig"],
    'cs': ["jsem na cestě, 5 min",
           "pošleš mi recept na ten guláš? byl fakt dobrej",
           "Od tří má pršet, nepřesuneme ten výlet na neděli ráno?",
           "mám dva lístky na koncert čtrnáctého 🎸 jdeš?",
           "Půjčíš mi v sobotu vrtačku? Chci konečně pověsit poličky v předsíni.",
           "spadl mi mobil a displej je rozbitej 😭 piš mi radši mailem"],
    'ro': ["sunt pe drum, 5 min",
           "îmi trimiți rețeta de sarmale? alea de la maică-ta",
           "De la trei se anunță ploaie, mutăm drumeția duminică dimineață?",
           "am două bilete la concertul din 14 🎸 vii?",
           "Mutarea vine mâine la 8, mă ajuți să cobor cutiile înainte de serviciu? Fac eu cinste cu micul dejun.",
           "scuze, dentistul a întârziat, începeți jocul fără mine"],
    'hu': ["úton vagyok, 5 perc",
           "elküldöd a lecsó receptjét? az anyukádét",
           "Háromtól eső lesz, áttegyük a túrát vasárnap reggelre?",
           "van két jegyem a 14-i koncertre 🎸 jössz?",
           "Kölcsönadod szombaton a fúrógépet? Végre fel akarom rakni a polcokat az előszobában.",
           "bocsi, késett a fogorvos, kezdjétek nélkülem a játékot"],
    'fi': ["tulossa, 5 min",
           "lähetätkö sen karjalanpiirakkareseptin? äitis versio oli paras",
           "Kolmelta alkaa sataa, siirretäänkö retki sunnuntaiaamuun?",
           "mulla on kaks lippua keikalle 14. päivä 🎸 lähdetkö?",
           "Muuttomiehet tulee huomenna kahdeksalta, autatko kantamaan laatikot alas ennen töitä? Tarjoan aamiaisen.",
           "hammaslääkäri myöhästyi, sori!! aloittakaa peli ilman mua"],
    'tr': ["yoldayım, 5 dk",
           "annenin mercimek çorbası tarifini atar mısın? çok güzeldi",
           "Saat üçten sonra yağmur yağacakmış, yürüyüşü pazar sabahına alalım mı?",
           "14'ündeki konsere iki biletim var 🎸 geliyor musun?",
           "Cumartesi matkabını ödünç verir misin? Koridordaki rafları sonunda asmak istiyorum.",
           "telefon düştü ekran kırıldı 😭 bana mail at en iyisi"],
    'ru': ["выхожу, буду через 5 мин",
           "скинь рецепт борща, который ты делала в субботу",
           "С трёх обещают дождь, давай перенесём поход на воскресенье утром?",
           "у меня два билета на концерт 14-го 🎸 пойдёшь?",
           "Грузчики приедут завтра в восемь, поможешь снести коробки вниз до работы? С меня завтрак.",
           "сорри, у стоматолога задержали, начинайте играть без меня"],
    'uk': ["вже їду, 5 хв",
           "скинь рецепт вареників з вишнями, будь ласка",
           "З третьої обіцяють дощ, може перенесемо похід на неділю зранку?",
           "маю два квитки на концерт 14-го 🎸 підеш?",
           "Позичиш мені в суботу дриль? Хочу нарешті повісити полиці в коридорі.",
           "телефон впав і екран розбився 😭 пиши краще на пошту"],
    'el': ["έρχομαι, 5 λεπτά",
           "μου στέλνεις τη συνταγή για το παστίτσιο της μαμάς σου;",
           "Από τις τρεις θα βρέχει, να πάμε την πεζοπορία Κυριακή πρωί;",
           "έχω δύο εισιτήρια για τη συναυλία στις 14 🎸 έρχεσαι;",
           "Οι μεταφορείς έρχονται αύριο στις 8, μπορείς να με βοηθήσεις να κατεβάσουμε τα κουτιά πριν τη δουλειά; Κερνάω πρωινό.",
           "sorry, ο οδοντίατρος άργησε, ξεκινήστε το παιχνίδι χωρίς εμένα"],
    'ar': ["جاي، خمس دقائق",
           "ممكن تبعتلي وصفة المقلوبة تبع أمك؟",
           "بيقولوا في مطر بعد الساعة تلاتة، نأجل الرحلة ليوم الأحد الصبح؟",
           "معي تذكرتين للحفلة يوم ١٤ 🎸 جاي معي؟",
           "ممكن تعيرني الدريل يوم السبت؟ بدي أعلّق الرفوف في الممر أخيرًا.",
           "آسف، طبيب الأسنان تأخر، ابدأوا اللعب من دوني"],
    'he': ["בדרך, 5 דק׳",
           "תשלחי לי את המתכון של השקשוקה? זה של אמא שלך",
           "אמור לרדת גשם משלוש, נדחה את הטיול לראשון בבוקר?",
           "יש לי שני כרטיסים להופעה ב-14 🎸 באה?",
           "המובילים מגיעים מחר בשמונה, תוכל לעזור לי להוריד את הקרטונים לפני העבודה? אני מזמין ארוחת בוקר.",
           "סליחה, רופא השיניים התעכב, תתחילו לשחק בלעדיי"],
    'fa': ["دارم میام، ۵ دقیقه",
           "دستور قورمه‌سبزی مامانتو برام می‌فرستی؟",
           "از ساعت سه بارون میاد، کوه رو بندازیم جمعه صبح؟",
           "دو تا بلیت کنسرت چهاردهم دارم 🎸 میای؟",
           "شنبه دریلتو بهم قرض میدی؟ می‌خوام بالاخره قفسه‌های راهرو رو نصب کنم.",
           "ببخشید، دندونپزشک دیر کرد، بازی رو بدون من شروع کنید"],
    'hi': ["निकल गया हूँ, 5 मिनट",
           "अपनी मम्मी वाली राजमा की रेसिपी भेज दो ना",
           "तीन बजे से बारिश होगी, ट्रेक को रविवार सुबह कर लें?",
           "14 तारीख के कॉन्सर्ट के दो टिकट हैं 🎸 चलोगे?",
           "कल सुबह आठ बजे सामान वाले आ रहे हैं, ऑफिस से पहले डिब्बे नीचे उतारने में मदद करोगे? नाश्ता मेरी तरफ से।",
           "sorry yaar, डेंटिस्ट ने देर कर दी, गेम मेरे बिना शुरू कर लो"],
    'bn': ["আসছি, ৫ মিনিট",
           "তোর মায়ের খিচুড়ির রেসিপিটা পাঠাবি?",
           "তিনটে থেকে বৃষ্টি হবে, ঘুরতে যাওয়াটা রবিবার সকালে করি?",
           "১৪ তারিখের কনসার্টের দুটো টিকিট আছে 🎸 যাবি?",
           "শনিবার তোর ড্রিলটা একটু ধার দিবি? বারান্দার তাকগুলো লাগাতে চাই।",
           "ফোন পড়ে স্ক্রিন ভেঙে গেছে 😭 মেইলে লিখিস"],
    'th': ["กำลังไป อีก 5 นาที",
           "ส่งสูตรต้มข่าไก่ของแม่เธอมาให้หน่อยได้ไหม",
           "บ่ายสามฝนจะตก เลื่อนไปเดินป่าวันอาทิตย์เช้าดีไหม",
           "มีบัตรคอนเสิร์ตวันที่ 14 สองใบ 🎸 ไปด้วยกันไหม",
           "พรุ่งนี้รถขนของมาแปดโมง ช่วยยกกล่องลงไปข้างล่างก่อนไปทำงานได้ไหม เดี๋ยวเลี้ยงข้าวเช้า",
           "ขอโทษนะ หมอฟันช้า เริ่มเล่นเกมกันไปก่อนเลย"],
    'zh': ["在路上了，5分钟",
           "把你妈妈做红烧肉的方子发我一下呗",
           "下午三点以后要下雨，爬山改到周日早上吧？",
           "我有两张14号演唱会的票🎸去不去？",
           "搬家公司明天八点到，你上班前能帮我把箱子搬下楼吗？早饭我请。",
           "不好意思，牙医拖了好久，你们先开局吧"],
    'ja': ["今向かってる、5分",
           "お母さんの肉じゃがのレシピ送ってくれない？",
           "3時から雨らしいから、ハイキング日曜の朝にしない？",
           "14日のライブのチケット2枚あるよ🎸行く？",
           "明日8時に引っ越し業者が来るんだけど、仕事の前に段ボール下ろすの手伝ってくれる？朝ごはんおごるから。",
           "ごめん、歯医者が長引いた、先にゲーム始めてて"],
    'ko': ["가는 중, 5분",
           "어머니 김치찌개 레시피 좀 보내줄 수 있어?",
           "3시부터 비 온대, 등산 일요일 아침으로 미룰까?",
           "14일 콘서트 티켓 두 장 있어 🎸 갈래?",
           "토요일에 드릴 좀 빌려줄 수 있어? 복도에 선반 드디어 달려고.",
           "미안 치과가 늦어졌어 게임 먼저 시작해"],
    'vi': ["đang tới, 5 phút",
           "gửi mình công thức nấu phở của mẹ bạn nhé",
           "Từ 3 giờ trời mưa, mình dời chuyến leo núi sang sáng chủ nhật nha?",
           "mình có 2 vé concert ngày 14 🎸 đi không?",
           "Mai 8 giờ bên chuyển nhà tới, bạn phụ mình khiêng thùng xuống trước giờ làm được không? Mình bao bữa sáng.",
           "xin lỗi, nha sĩ làm lâu quá, mọi người chơi trước đi"],
    'id': ["otw, 5 menit",
           "kirimin resep rendang mamamu dong",
           "Katanya jam tiga hujan, naik gunungnya diundur ke Minggu pagi aja?",
           "aku punya 2 tiket konser tanggal 14 🎸 ikut ga?",
           "Besok jam 8 truk pindahan datang, bisa bantu angkat kardus ke bawah sebelum kerja? Nanti aku traktir sarapan.",
           "maaf ya dokter giginya telat, main duluan aja"],
    'sw': ["niko njiani, dakika 5",
           "nitumie mapishi ya pilau ya mama yako tafadhali",
           "Wanasema mvua itaanza saa tisa, tuhamishe safari ya mlimani hadi Jumapili asubuhi?",
           "nina tiketi mbili za tamasha tarehe 14 🎸 utakuja?",
           "Jumamosi naomba uniazime drili yako? Nataka kutundika rafu za korido hatimaye.",
           "samahani, daktari wa meno amechelewa, anzeni mchezo bila mimi"],
    'ta': ["வந்துட்டே இருக்கேன், 5 நிமிஷம்",
           "உங்க அம்மாவோட சாம்பார் ரெசிபி அனுப்புவியா?",
           "மூணு மணிக்கு மேல மழை வருமாம், மலையேற்றத்தை ஞாயிறு காலைக்கு மாத்தலாமா?",
           "14ஆம் தேதி கச்சேரிக்கு ரெண்டு டிக்கெட் இருக்கு 🎸 வரியா?",
           "சனிக்கிழமை உன் டிரில்லை கடன் தருவியா? ஹால்ல அலமாரி மாட்டணும்.",
           "sorry டா, பல் டாக்டர் லேட் ஆக்கிட்டாரு, நீங்க விளையாட ஆரம்பிங்க"],
    'ur': ["آ رہا ہوں، 5 منٹ",
           "اپنی امی کی بریانی کی ترکیب بھیج دو نا",
           "تین بجے سے بارش ہوگی، پہاڑ پر جانا اتوار صبح کر لیں؟",
           "14 تاریخ کے کنسرٹ کے دو ٹکٹ ہیں 🎸 چلو گے؟",
           "ہفتے کو اپنی ڈرل ادھار دے دو گے؟ راہداری میں شیلف لگانے ہیں۔",
           "معاف کرنا، دانتوں کے ڈاکٹر نے دیر کر دی، تم لوگ کھیل شروع کرو"],
    'tl': ["papunta na ko, 5 mins",
           "pa-send naman ng recipe ng adobo ng nanay mo",
           "Uulan daw mula alas-tres, ilipat na lang natin yung hike sa Linggo ng umaga?",
           "may 2 ticket ako sa concert sa 14 🎸 sama ka?",
           "Pwede ko bang hiramin yung drill mo sa Sabado? Ikakabit ko na yung mga estante sa pasilyo.",
           "sorry, natagalan yung dentista, mauna na kayo maglaro"],
    'am': ["እየመጣሁ ነው፣ 5 ደቂቃ",
           "የእናትሽን የዶሮ ወጥ አሰራር ትልኪልኛለሽ?",
           "ከሰዓት በኋላ ዝናብ ይዘንባል ይላሉ፣ ጉዞውን ወደ እሁድ ጠዋት እናዛውረው?",
           "ለ14ኛው ቀን ኮንሰርት ሁለት ትኬት አለኝ 🎸 ትመጣለህ?",
           "ቅዳሜ መሰርሰሪያህን ታውሰኛለህ? በኮሪደሩ ላይ መደርደሪያዎቹን መስቀል እፈልጋለሁ።",
           "ይቅርታ፣ የጥርስ ሐኪሙ አዘገየኝ፣ ጨዋታውን ያለ እኔ ጀምሩ"],
    'mr': ["निघालोय, 5 मिनिटांत पोहोचतो",
           "तुझ्या आईची पुरणपोळीची रेसिपी पाठवशील का?",
           "तीन वाजल्यापासून पाऊस आहे म्हणे, ट्रेक रविवारी सकाळी करूया का?",
           "१४ तारखेच्या कॉन्सर्टची दोन तिकिटं आहेत 🎸 येतोस का?",
           "शनिवारी तुझं ड्रिल मशीन मिळेल का? हॉलमध्ये कपाटं लावायची आहेत.",
           "सॉरी रे, दातांच्या डॉक्टरकडे उशीर झाला, तुम्ही खेळ सुरू करा"],
    'ka': ["გზაში ვარ, 5 წუთი",
           "დედაშენის ხაჭაპურის რეცეპტს გამომიგზავნი?",
           "სამი საათიდან წვიმა იქნება, ლაშქრობა კვირა დილისთვის გადავდოთ?",
           "14-ში კონცერტზე ორი ბილეთი მაქვს 🎸 წამოხვალ?",
           "შაბათს დრელს მათხოვებ? დერეფანში თაროები უნდა დავკიდო.",
           "ბოდიში, სტომატოლოგთან დავიგვიანე, თამაში ჩემს გარეშე დაიწყეთ"],
    'hy': ["ճանապարհին եմ, 5 րոպե",
           "մամայիդ դոլմայի բաղադրատոմսը կուղարկե՞ս",
           "Ժամը երեքից անձրև է լինելու, արշավը կիրակի առավոտ տեղափոխե՞նք",
           "14-ի համերգի երկու տոմս ունեմ 🎸 կգա՞ս",
           "Շաբաթ օրը գայլիկոնդ կտա՞ս, ուզում եմ միջանցքում դարակները կախել։",
           "ներողություն, ատամնաբույժը ուշացրեց, խաղը սկսեք առանց ինձ"],
    'kk': ["жолдамын, 5 минут",
           "анаңның бешбармақ рецептін жіберші",
           "Сағат үштен бастап жаңбыр жауады екен, серуенді жексенбі таңға ауыстырайық па?",
           "14-індегі концертке екі билетім бар 🎸 барасың ба?",
           "Сенбіде дрельіңді беріп тұршы, дәліздегі сөрелерді ілгім келеді.",
           "кешір, тіс дәрігері кешіктірді, ойынды менсіз бастай беріңдер"],
    'my': ["လာနေပြီ၊ ၅ မိနစ်",
           "မင်းအမေရဲ့ မုန့်ဟင်းခါး ချက်နည်း ပို့ပေးပါလား",
           "သုံးနာရီကနေ မိုးရွာမယ်တဲ့၊ တောင်တက်တာ တနင်္ဂနွေ မနက်ကို ရွှေ့ကြမလား",
           "၁၄ ရက်နေ့ ဖျော်ဖြေပွဲ လက်မှတ် နှစ်စောင် ရှိတယ် 🎸 လိုက်မလား",
           "စနေနေ့ မင်းရဲ့ လျှပ်စစ်လွန် ငှားလို့ရမလား၊ စင်တွေ တပ်ချင်လို့",
           "တောင်းပန်ပါတယ်၊ သွားဆရာဝန်က ကြာနေလို့ ဂိမ်းကို အရင်စထားကြ"],
    'km': ["កំពុងមក ៥ នាទីទៀត",
           "ផ្ញើរូបមន្តសម្លកកូររបស់ម្តាយអ្នកមកខ្ញុំបានទេ?",
           "គេថាម៉ោងបីនឹងភ្លៀង យើងប្តូរដំណើរឡើងភ្នំទៅព្រឹកថ្ងៃអាទិត្យវិញបានទេ?",
           "ខ្ញុំមានសំបុត្រប្រគុំតន្ត្រីថ្ងៃទី១៤ ពីរសន្លឹក 🎸 ទៅទេ?",
           "ថ្ងៃសៅរ៍ខ្ញុំខ្ចីស្វានអគ្គិសនីរបស់អ្នកបានទេ? ខ្ញុំចង់ដំឡើងធ្នើរ",
           "សុំទោស ពេទ្យធ្មេញយឺតពេក ចាប់ផ្តើមលេងមុនចុះ"],
    'si': ["එනවා, විනාඩි 5යි",
           "ඔයාගේ අම්මාගේ කිරිබත් හදන විදිය එවන්නකෝ",
           "තුනේ ඉඳන් වහිනවලු, කඳු නැගීම ඉරිදා උදේට දාමුද?",
           "14 වෙනිදා ප්‍රසංගයට ටිකට් දෙකක් තියෙනවා 🎸 එනවද?",
           "සෙනසුරාදා ඔයාගේ ඩ්‍රිල් එක ණයට දෙනවද? ශාලාවේ රාක්ක ටික හයි කරන්න ඕනේ.",
           "සමාවෙන්න, දත් දොස්තර පරක්කු කළා, ගේම් එක පටන් ගන්න"],
}

NAMES = {
    'en': ["Maisie", "Declan", "Ruth", "Kwame"], 'de': ["Greta", "Lukas", "Ronja", "Malte"],
    'fr': ["Margaux", "Yanis", "Chloé", "Hugo"], 'es': ["Lucía", "Diego", "Carmen", "Pablo"],
    'pt': ["Larissa", "Thiago", "Júlia", "Mateus"], 'it': ["Giulia", "Lorenzo", "Chiara", "Marco"],
    'nl': ["Sanne", "Bram", "Noor", "Thijs"], 'pl': ["Zosia", "Michał", "Natalia", "Piotr"],
    'sv': ["Alva", "Oskar", "Tuva", "Hampus"], 'cs': ["Tereza", "Vojta", "Eliška", "Lukáš"],
    'ro': ["Andreea", "Mihai", "Ioana", "Sorin"], 'hu': ["Réka", "Bence", "Anna", "Máté"],
    'fi': ["Aino", "Eetu", "Venla", "Juho"], 'tr': ["Elif", "Emre", "Zeynep", "Mert"],
    'ru': ["Даша", "Артём", "Вера", "Стас"], 'uk': ["Соломія", "Тарас", "Марта", "Остап"],
    'el': ["Ελένη", "Γιώργος", "Σοφία", "Νίκος"], 'ar': ["ليلى", "يوسف", "رنا", "طارق"],
    'he': ["נועה", "איתי", "מאיה", "יונתן"], 'fa': ["مریم", "آرش", "شیرین", "پویا"],
    'hi': ["अनन्या", "कबीर", "रिया", "अर्जुन"], 'bn': ["মৌ", "রাহুল", "ইশিতা", "সায়ন"],
    'th': ["มายด์", "บอส", "น้ำหวาน", "กอล์ฟ"], 'zh': ["晓雯", "志强", "雨婷", "俊杰"],
    'ja': ["さくら", "健太", "美咲", "翔"], 'ko': ["지은", "민호", "서연", "태윤"],
    'vi': ["Hương", "Tuấn", "Mai", "Quang"], 'id': ["Putri", "Bagus", "Sari", "Yoga"],
    'sw': ["Neema", "Baraka", "Amani", "Juma"], 'ta': ["பிரியா", "சுரேஷ்", "லக்ஷ்மி", "விக்னேஷ்"],
    'ur': ["عائشہ", "بلال", "زینب", "حمزہ"], 'tl': ["Joy", "Carlo", "Liza", "Jomar"],
    'am': ["ሰላም", "ዳዊት", "ሜሮን", "ዮናስ"], 'mr': ["सायली", "अमोल", "प्राजक्ता", "निखिल"],
    'ka': ["ნინო", "გიორგი", "თამარი", "ლევანი"], 'hy': ["Անի", "Արամ", "Լիլիթ", "Դավիթ"],
    'kk': ["Айгерім", "Ерлан", "Дана", "Нұрлан"], 'my': ["သီတာ", "ကျော်ဇော", "နှင်းဆီ", "မင်းထက်"],
    'km': ["សុភា", "វិចិត្រ", "ចាន់ថា", "ដារ៉ា"], 'si': ["නිමාෂා", "කසුන්", "දිල්කි", "ලහිරු"],
}

HANDLES = ["quill", "abebe.t", "marlo", "nikoz", "sidra", "tomasz_w", "ferns", "kai.o", "linnea", "rashid",
           "bo.chen", "aurelie", "ozzy_p", "hanae", "vusi", "lera", "dimi.k", "pari", "jonte", "ekin"]

# Mail greeting and closing per language ({n}: a name).
GREET = {
    'en': ("Dear {n},", "Love,\n{n}"), 'de': ("Servus {n},", "Herzlich,\n{n}"),
    'fr': ("Coucou {n},", "Bises,\n{n}"), 'es': ("Querida {n}:", "Un abrazo,\n{n}"),
    'pt': ("Oi {n},", "Beijos,\n{n}"), 'it': ("Cara {n},", "Un abbraccio,\n{n}"),
    'nl': ("Hoi {n},", "Groetjes,\n{n}"), 'pl': ("Cześć {n},", "Pozdrawiam,\n{n}"),
    'sv': ("Hej {n}!", "Kram,\n{n}"), 'cs': ("Ahoj {n},", "Měj se,\n{n}"),
    'ro': ("Dragă {n},", "Te pup,\n{n}"), 'hu': ("Szia {n}!", "Puszi,\n{n}"),
    'fi': ("Moi {n},", "Terveisin,\n{n}"), 'tr': ("Merhaba {n},", "Sevgiler,\n{n}"),
    'ru': ("Привет, {n}!", "Обнимаю,\n{n}"), 'uk': ("Привіт, {n}!", "Обіймаю,\n{n}"),
    'el': ("Γεια σου {n},", "Φιλιά,\n{n}"), 'ar': ("عزيزي {n}،", "مع المحبة،\n{n}"),
    'he': ("היי {n},", "חיבוקים,\n{n}"), 'fa': ("سلام {n} جان،", "قربانت،\n{n}"),
    'hi': ("प्रिय {n},", "ढेर सारा प्यार,\n{n}"), 'bn': ("প্রিয় {n},", "ভালোবাসা নিস,\n{n}"),
    'th': ("ถึง {n}", "รักนะ\n{n}"), 'zh': ("亲爱的{n}：", "祝好\n{n}"),
    'ja': ("{n}さん", "またね\n{n}"), 'ko': ("{n}에게", "잘 지내\n{n}"),
    'vi': ("{n} thân mến,", "Thương,\n{n}"), 'id': ("Halo {n},", "Salam hangat,\n{n}"),
    'sw': ("Habari {n},", "Wako,\n{n}"), 'ta': ("அன்புள்ள {n},", "அன்புடன்,\n{n}"),
    'ur': ("پیارے {n}،", "خیر اندیش،\n{n}"), 'tl': ("Hello {n},", "Ingat lagi,\n{n}"),
    'am': ("ውድ {n}፣", "በፍቅር፣\n{n}"), 'mr': ("प्रिय {n},", "तुझाच,\n{n}"),
    'ka': ("ძვირფასო {n},", "გკოცნი,\n{n}"), 'hy': ("Սիրելի {n},", "Համբույրներ,\n{n}"),
    'kk': ("Сәлем, {n}!", "Құшақтаймын,\n{n}"), 'my': ("{n} ရေ", "ချစ်တဲ့\n{n}"),
    'km': ("ជូនចំពោះ {n}", "ដោយក្តីស្រឡាញ់\n{n}"), 'si': ("ආදරණීය {n},", "ආදරෙන්,\n{n}"),
}

SUBJECTS = {
    'en': ["the recipe", "Sunday hike"], 'de': ["Rezept", "Umzug"], 'fr': ["la recette", "déménagement"],
    'es': ["la receta", "el concierto"], 'pt': ["a receita", "a mudança"], 'it': ["la ricetta", "il concerto"],
    'nl': ["het recept"], 'pl': ["przepis"], 'sv': ["receptet"], 'cs': ["recept"], 'ro': ["rețeta"],
    'hu': ["a recept"], 'fi': ["resepti"], 'tr': ["tarif"], 'ru': ["рецепт", "переезд"], 'uk': ["рецепт"],
    'el': ["η συνταγή"], 'ar': ["الوصفة"], 'he': ["המתכון"], 'fa': ["دستور پخت"], 'hi': ["रेसिपी"],
    'bn': ["রেসিপি"], 'th': ["สูตรอาหาร"], 'zh': ["菜谱"], 'ja': ["レシピ"], 'ko': ["레시피"],
    'vi': ["công thức"], 'id': ["resep"], 'sw': ["mapishi"], 'ta': ["சமையல் குறிப்பு"], 'ur': ["ترکیب"],
    'tl': ["yung recipe"], 'am': ["አሰራሩ"], 'mr': ["रेसिपी"], 'ka': ["რეცეპტი"], 'hy': ["բաղադրատոմսը"],
    'kk': ["рецепт"], 'my': ["ချက်နည်း"], 'km': ["រូបមន្ត"], 'si': ["වට්ටෝරුව"],
}

LANGS = sorted(CHAT)
NEW_LANGS = ['am', 'mr', 'ka', 'hy', 'kk', 'my', 'km', 'si']     # new to the corpus in this wave
# The rotation the case plan walks: the new languages and those the earlier waves have fewest
# positives in come first, and the new ones come round twice.
ROTATION = ['am', 'mr', 'ka', 'hy', 'kk', 'my', 'km', 'si', 'tl', 'ur', 'ta', 'fa', 'he', 'bn', 'uk', 'el',
            'vi', 'sw', 'id', 'sv', 'it', 'th', 'hi', 'ar', 'tr', 'ko', 'ja', 'zh', 'ru', 'pl', 'nl', 'cs',
            'ro', 'hu', 'fi', 'pt', 'es', 'fr', 'de', 'en']
assert sorted(ROTATION) == LANGS
PLAN_ROTATION = ROTATION + NEW_LANGS + ['ta', 'ur', 'tl']

# ---------------------------------------------------------------- hard negatives
# Documentation pages (a router's backup feature), several paragraphs per language.
DOCS = {
    'en': ["Configuration backups are written to the USB drive once a night and kept for thirty days.",
           "To restore a backup, open System, choose Restore, select the archive and confirm. The router restarts afterwards.",
           "Backups are encrypted with the administrator password. If the password is changed, older archives can still be restored with the previous one.",
           "Automatic backups are skipped while a firmware update is in progress."],
    'de': ["Sicherungen der Konfiguration werden einmal pro Nacht auf den USB-Speicher geschrieben und dreißig Tage aufbewahrt.",
           "Um eine Sicherung wiederherzustellen, öffnen Sie System, wählen Sie Wiederherstellen und bestätigen Sie das Archiv. Der Router startet danach neu.",
           "Sicherungen werden mit dem Administratorkennwort verschlüsselt. Ältere Archive lassen sich mit dem früheren Kennwort wiederherstellen.",
           "Während eines Firmware-Updates werden keine automatischen Sicherungen erstellt."],
    'ja': ["設定のバックアップは毎晩一回USBドライブに書き込まれ、30日間保存されます。",
           "バックアップを復元するには、「システム」から「復元」を選び、アーカイブを選択して確定します。その後ルーターが再起動します。",
           "バックアップは管理者パスワードで暗号化されます。パスワードを変更した場合も、古いアーカイブは以前のパスワードで復元できます。",
           "ファームウェアの更新中は自動バックアップは行われません。"],
    'es': ["Las copias de seguridad de la configuración se guardan en la memoria USB una vez por noche y se conservan treinta días.",
           "Para restaurar una copia, abra Sistema, elija Restaurar, seleccione el archivo y confirme. El router se reiniciará.",
           "Las copias se cifran con la contraseña de administrador. Los archivos antiguos se pueden restaurar con la contraseña anterior.",
           "Mientras se actualiza el firmware no se realizan copias automáticas."],
    'ru': ["Резервные копии настроек записываются на USB-накопитель раз в сутки ночью и хранятся тридцать дней.",
           "Чтобы восстановить копию, откройте раздел «Система», выберите «Восстановление», укажите архив и подтвердите. После этого роутер перезагрузится.",
           "Копии шифруются паролем администратора. Старые архивы можно восстановить с прежним паролем.",
           "Во время обновления прошивки автоматические копии не создаются."],
}

# A small business's static web page saved from a CMS (not a post: a web page about the shop).
CMS_PAGE = {
    'en': ("Opening hours", ["Our bakery on Mill Lane is open Tuesday to Saturday from 7 am to 6 pm and on Sundays until noon.",
                             "Orders for birthday cakes need two days' notice. Gluten-free bread is baked on Thursdays.",
                             "The café seats twenty people; dogs are welcome on the terrace."]),
    'fr': ("Horaires", ["Notre boulangerie de la rue du Moulin est ouverte du mardi au samedi de 7 h à 18 h, le dimanche jusqu'à midi.",
                        "Les gâteaux d'anniversaire se commandent deux jours à l'avance. Le pain sans gluten est cuit le jeudi.",
                        "Le salon de thé accueille vingt personnes ; les chiens sont acceptés en terrasse."]),
    'pl': ("Godziny otwarcia", ["Nasza piekarnia przy ulicy Młyńskiej jest czynna od wtorku do soboty w godzinach 7–18, w niedziele do południa.",
                                "Torty urodzinowe przyjmujemy z dwudniowym wyprzedzeniem. Chleb bezglutenowy pieczemy w czwartki.",
                                "Kawiarnia ma dwadzieścia miejsc; psy są mile widziane na tarasie."]),
}

# Lyrics (LRC, timed) of songs written for this corpus.
LYRICS = {
    'en': ["The kettle hums a morning tune", "the window fogs, the street is blue", "and every bus that passes by",
           "is carrying someone home but I", "keep waiting for the light to change", "keep waiting for the light to change"],
    'es': ["La lluvia canta en el tejado", "y la ciudad se queda callada", "las calles brillan como espejos",
           "y yo camino sin paraguas", "que me lleve el agua lejos", "que me lleve el agua lejos"],
    'ko': ["창밖엔 첫눈이 내리고", "골목길 가로등 불빛 아래", "우리가 걷던 그 길 위로", "하얀 발자국만 남아",
           "멈추지 마 계속 걸어가", "멈추지 마 계속 걸어가"],
}

# Order confirmations written by shops' systems.
ORDER = {
    'en': ("Your order #{n} has been confirmed", "Thank you for shopping with us. We have received your order #{n} and "
           "will send you another email when it ships. Estimated delivery: 3-5 working days. This mailbox is not monitored; "
           "please do not reply to this message."),
    'de': ("Ihre Bestellung Nr. {n} ist bestätigt", "Vielen Dank für Ihren Einkauf. Wir haben Ihre Bestellung Nr. {n} "
           "erhalten und informieren Sie per E-Mail, sobald sie versandt wird. Voraussichtliche Lieferzeit: 3-5 Werktage. "
           "Bitte antworten Sie nicht auf diese automatisch erstellte Nachricht."),
    'it': ("Il tuo ordine n. {n} è confermato", "Grazie per il tuo acquisto. Abbiamo ricevuto l'ordine n. {n} e ti "
           "invieremo un'altra email alla spedizione. Consegna prevista: 3-5 giorni lavorativi. Questa è una email "
           "automatica, ti preghiamo di non rispondere."),
    'ja': ("ご注文（{n}）を承りました", "このたびはご利用いただきありがとうございます。ご注文番号{n}を承りました。"
           "発送時に改めてメールでお知らせいたします。お届け予定：3〜5営業日。本メールは送信専用のため、ご返信いただいてもお答えできません。"),
}

# RFC 7807 problem details written for people.
PROBLEMS = {
    'en': ("Payment declined", "Your card was declined by the issuing bank. Please try another payment method."),
    'fr': ("Paiement refusé", "Votre carte a été refusée par la banque émettrice. Veuillez essayer un autre moyen de paiement."),
    'pt': ("Pagamento recusado", "Seu cartão foi recusado pelo banco emissor. Tente outra forma de pagamento."),
    'ru': ("Платёж отклонён", "Банк-эмитент отклонил вашу карту. Попробуйте другой способ оплаты."),
    'zh': ("付款被拒绝", "您的银行卡被发卡行拒绝，请尝试其他付款方式。"),
}

# Mail templates with sentences and placeholders (uploaded to a mail service).
TEMPLATES = {
    'en': ("Hello {{ customer.first_name }},\n\nyour appointment at {{ clinic.name }} is confirmed for "
           "{{ appt.date }} at {{ appt.time }}. If you need to cancel, please let us know at least 24 hours in advance.\n\n"
           "{% if appt.notes %}Notes: {{ appt.notes }}{% endif %}\n\nKind regards,\n{{ clinic.name }}"),
    'es': ("Hola {{ customer.first_name }}:\n\ntu cita en {{ clinic.name }} está confirmada para el {{ appt.date }} a las "
           "{{ appt.time }}. Si necesitas cancelarla, avísanos con al menos 24 horas de antelación.\n\n"
           "{% if appt.notes %}Notas: {{ appt.notes }}{% endif %}\n\nUn saludo,\n{{ clinic.name }}"),
}

# Localised system log messages (a journal upload).
JOURNAL = {
    'de': ["Netzwerkverbindung „Heimnetz“ wurde hergestellt.", "Die Sicherung wurde erfolgreich abgeschlossen.",
           "Der Dienst Druckwarteschlange wurde beendet.", "Festplatte /dev/sda1 ist zu 91 % belegt."],
    'ja': ["ネットワーク接続「ホーム」が確立されました。", "バックアップが正常に完了しました。",
           "印刷スプーラーサービスが停止しました。", "ディスク /dev/sda1 の使用率が91%に達しました。"],
    'fr': ["La connexion réseau « Maison » a été établie.", "La sauvegarde s'est terminée avec succès.",
           "Le service de file d'impression s'est arrêté.", "Le disque /dev/sda1 est utilisé à 91 %."],
}

# Canned replies of a support chatbot widget (written once by a company, served by a program).
BOT_GREETING = {
    'en': ["Hi there! 👋 I'm Pip, the virtual assistant. How can I help you today?",
           "You can ask me about orders, returns or delivery times.",
           "Sorry, I didn't get that. Could you rephrase your question?"],
    'es': ["¡Hola! 👋 Soy Pip, el asistente virtual. ¿En qué puedo ayudarte hoy?",
           "Puedes preguntarme por pedidos, devoluciones o plazos de entrega.",
           "Perdona, no te he entendido. ¿Puedes reformular la pregunta?"],
    'ar': ["مرحبًا! 👋 أنا بيب، المساعد الافتراضي. كيف يمكنني مساعدتك اليوم؟",
           "يمكنك أن تسألني عن الطلبات أو الإرجاع أو مواعيد التوصيل.",
           "عذرًا، لم أفهم ذلك. هل يمكنك إعادة صياغة سؤالك؟"],
    'id': ["Halo! 👋 Saya Pip, asisten virtual. Ada yang bisa saya bantu hari ini?",
           "Kamu bisa bertanya soal pesanan, pengembalian, atau waktu pengiriman.",
           "Maaf, saya belum paham. Bisa diulang dengan kata lain?"],
}

# Quotes of the day (a quote service; invented, attributed to invented people).
QUOTES = [
    "The best map is the one you draw after getting lost. - Ilse Marrow",
    "A garden is a conversation with time. - Tomas Brune",
    "Nobody remembers the shortcut, only the view. - Ada Kettering",
    "Curiosity is a lamp that never needs oil. - Omar Falk",
]

# Autocomplete prefixes as a person types a search (one request per keystroke).
SUGGEST = {'ru': "погода в казани на выходные", 'ko': "부산 맛집 추천", 'ar': "أسعار تذاكر القطار",
           'pt': "como fazer pão de queijo", 'en': "cheap flights to lisbon in may"}

# Page titles reported by a web-analytics tracker.
PAGE_TITLES = {
    'de': ["Startseite – Stadtbibliothek", "Öffnungszeiten und Anfahrt", "Neuerscheinungen im März"],
    'it': ["Home – Biblioteca civica", "Orari e come raggiungerci", "Novità di marzo"],
    'vi': ["Trang chủ – Thư viện thành phố", "Giờ mở cửa và đường đi", "Sách mới tháng Ba"],
}

# Program-written notices posted to chat webhooks (backups, builds, doorbells).
BOT_NOTICES = [
    "Nightly backup finished: 14.2 GB in 00:41:07, 0 errors.",
    "Build #{n} on main failed: 3 tests failed in tests/test_parser.",
    "Front door camera: motion detected at 03:12.",
    "Disk usage on nas01 is above 90% (91.4%).",
]

# A bilingual phrasebook download (sentences for travellers, not addressed to anyone).
PHRASEBOOK = {
    'it': [("Where is the railway station?", "Dov'è la stazione ferroviaria?"), ("How much does this cost?", "Quanto costa?"),
           ("I would like a table for two.", "Vorrei un tavolo per due."), ("Is breakfast included?", "La colazione è inclusa?")],
    'tr': [("Where is the railway station?", "Tren istasyonu nerede?"), ("How much does this cost?", "Bu ne kadar?"),
           ("I would like a table for two.", "İki kişilik bir masa istiyorum."), ("Is breakfast included?", "Kahvaltı dahil mi?")],
}

# Word lists (a spell-checker dictionary update).
WORDS = {
    'fi': "kahvi kahvila kahvinkeitin kakku kala kalastaja kallio kalenteri kamera kana kanava kangas kansio kappale "
          "karhu kartta kasvi katu kaupunki keittiö kello kenkä kesä kevät kieli kirja kirjasto kivi koira koti",
    'pl': "kawa kawiarnia ekspres ciasto ryba rybak skała kalendarz aparat kura kanał tkanina teczka rozdział niedźwiedź "
          "mapa roślina ulica miasto kuchnia zegar but lato wiosna język książka biblioteka kamień pies dom",
    'sw': "kahawa mkahawa keki samaki mvuvi mwamba kalenda kamera kuku mfereji kitambaa faili sura dubu ramani mmea "
          "barabara mji jiko saa kiatu kiangazi masika lugha kitabu maktaba jiwe mbwa nyumba",
}
