<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AppController</name>
    <message>
        <source>No vault here</source>
        <translation>Здесь нет хранилища</translation>
    </message>
    <message>
        <source>There is no vault in {0}.

Create a new vault in this folder? If you meant another folder, quit and start Registry again with that one.</source>
        <translation>В папке {0} нет хранилища.

Создать новое хранилище в этой папке? Если вы имели в виду другую папку, выйдите и запустите Registry снова с ней.</translation>
    </message>
    <message>
        <source>Create a vault here</source>
        <translation>Создать хранилище здесь</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <source>Data key change finished</source>
        <translation>Смена ключа данных завершена</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>Registry backups (*.rbackup)</source>
        <translation>Резервные копии Реестра (*.rbackup)</translation>
    </message>
    <message>
        <source>Back up the vault</source>
        <translation>Резервная копия хранилища</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Восстановление из резервной копии</translation>
    </message>
    <message>
        <source>Back up…</source>
        <translation>Резервная копия…</translation>
    </message>
    <message>
        <source>Writing the backup…</source>
        <translation>Запись резервной копии…</translation>
    </message>
    <message>
        <source>Backup written to {0}. It opens with the current passphrase: keep it away from this laptop.</source>
        <translation>Резервная копия записана в {0}. Она открывается текущей парольной фразой: храните её не на этом ноутбуке.</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Не удалось создать резервную копию</translation>
    </message>
    <message>
        <source>The folder {0} does not exist: nothing was written. Choose another folder.</source>
        <translation>Папки {0} не существует: ничего не записано. Выберите другую папку.</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>Восстановить из резервной копии…</translation>
    </message>
    <message>
        <source>Replace a damaged vault with a backup. Type the backup&apos;s passphrase first.</source>
        <translation>Заменить повреждённое хранилище резервной копией. Сначала введите парольную фразу резервной копии.</translation>
    </message>
    <message>
        <source>Type the backup&apos;s passphrase, then choose Restore from backup.</source>
        <translation>Введите парольную фразу резервной копии, затем выберите «Восстановить из резервной копии».</translation>
    </message>
    <message>
        <source>Checking and restoring the backup…</source>
        <translation>Проверка и восстановление резервной копии…</translation>
    </message>
    <message>
        <source>Restored the backup of {0}. Unlock it with the backup&apos;s passphrase.</source>
        <translation>Восстановлена резервная копия от {0}. Разблокируйте её парольной фразой резервной копии.</translation>
    </message>
    <message>
        <source>The previous vault was kept at {0}.</source>
        <translation>Прежнее хранилище сохранено в {0}.</translation>
    </message>
    <message>
        <source>Replace the vault?</source>
        <translation>Заменить хранилище?</translation>
    </message>
    <message>
        <source>A vault is already here and it is not known to be damaged. Replace it with the backup? The current vault is kept beside it, not deleted.</source>
        <translation>Здесь уже есть хранилище, и о его повреждении ничего не известно. Заменить его резервной копией? Текущее хранилище будет сохранено рядом, а не удалено.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Ничего не изменено.</translation>
    </message>
</context>
<context>
    <name>Briefing</name>
    <message>
        <source>Briefing: Russian civil society in exile</source>
        <translation>Справка: российское гражданское общество в эмиграции</translation>
    </message>
    <message>
        <source>People recorded</source>
        <translation>Людей в реестре</translation>
    </message>
    <message>
        <source>Organisations recorded</source>
        <translation>Организаций в реестре</translation>
    </message>
    <message>
        <source>Support records</source>
        <translation>Записей о поддержке</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>Оценки</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>All people</source>
        <translation>Все люди</translation>
    </message>
    <message>
        <source>Aggregate figures for decision-makers</source>
        <translation>Сводные показатели для лиц, принимающих решения</translation>
    </message>
    <message>
        <source>From</source>
        <translation>От кого</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Охват</translation>
    </message>
    <message>
        <source>The figures come from the sender&apos;s own registry as it stood on that date. They cover the people recorded, programme participants and support recipients (plurality against the agreed targets), their regions of origin and the regions organisations cover, the support given and how concentrated it is, residence and work permits running out within 180 days, and the evaluations of organisations on three criteria. Other registries may hold records this one lacks.</source>
        <translation>Показатели взяты из собственного реестра отправителя в том виде, в каком он был на эту дату. Они охватывают всех внесённых в реестр людей, участников программ и получателей поддержки (плюрализм в сравнении с согласованными целевыми показателями), регионы их происхождения и регионы, которые охватывают организации, оказанную поддержку и её концентрацию, виды на жительство и разрешения на работу, истекающие в ближайшие 180 дней, и оценки организаций по трём критериям. В других реестрах могут быть записи, которых нет в этом.</translation>
    </message>
    <message>
        <source>Sensitive: for the addressee only</source>
        <translation>Конфиденциально: только для адресата</translation>
    </message>
    <message>
        <source>This briefing names no person and holds no record, but it describes people at risk. Counts under five are shown as {0}. Any other figure that would reveal one (a share, an amount, or a count from which a smaller one could be worked out by subtraction) is shown as {1}, and the notes under each section say what was held back and why. Do not combine it with other sources to single anyone out, and do not pass it on beyond those who need it.</source>
        <translation>В справке не назван ни один человек и нет ни одной записи, но она описывает людей, находящихся в опасности. Числа меньше пяти показаны как {0}. Любой другой показатель, который позволил бы их узнать (доля, сумма или число, из которого вычитанием можно получить меньшее), показан как {1}; примечания под каждым разделом говорят, что скрыто и почему. Не сопоставляйте справку с другими источниками, чтобы выделить кого-либо, и не передавайте её дальше тех, кому она нужна.</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Получатели</translation>
    </message>
    <message>
        <source>Regional coverage</source>
        <translation>Охват регионов</translation>
    </message>
    <message>
        <source>People by region of origin</source>
        <translation>Люди по регионам происхождения</translation>
    </message>
    <message>
        <source>Organisations and media covering each region</source>
        <translation>Организации и СМИ, охватывающие каждый регион</translation>
    </message>
    <message>
        <source>Federal district</source>
        <translation>Федеральный округ</translation>
    </message>
    <message>
        <source>People of origin</source>
        <translation>Людей из региона</translation>
    </message>
    <message>
        <source>Covering organisations</source>
        <translation>Организации, работающие с регионом</translation>
    </message>
    <message>
        <source>Covering media</source>
        <translation>СМИ, освещающие регион</translation>
    </message>
    <message>
        <source>Support: concentration and overlaps</source>
        <translation>Поддержка: концентрация и пересечения</translation>
    </message>
    <message>
        <source>Horizons</source>
        <translation>Горизонты</translation>
    </message>
    <message>
        <source>Horizon</source>
        <translation>Горизонт</translation>
    </message>
    <message>
        <source>Supports</source>
        <translation>Случаи поддержки</translation>
    </message>
    <message>
        <source>a figure under 5 could be worked out from it by subtraction</source>
        <translation>из него вычитанием можно было бы получить число меньше 5</translation>
    </message>
    <message>
        <source>fewer than 5 records</source>
        <translation>меньше 5 записей</translation>
    </message>
    <message>
        <source>fewer than 5 people</source>
        <translation>меньше 5 человек</translation>
    </message>
    <message>
        <source>fewer than 5 recipients</source>
        <translation>меньше 5 получателей</translation>
    </message>
    <message>
        <source>fewer than 5 providers</source>
        <translation>меньше 5 доноров</translation>
    </message>
    <message>
        <source>fewer than 5 organisations</source>
        <translation>меньше 5 организаций</translation>
    </message>
    <message>
        <source>fewer than 5 permits</source>
        <translation>меньше 5 разрешений</translation>
    </message>
    <message>
        <source>fewer than 5 support records</source>
        <translation>меньше 5 записей о поддержке</translation>
    </message>
    <message>
        <source>fewer than 5 evaluations</source>
        <translation>меньше 5 оценок</translation>
    </message>
    <message>
        <source>fewer than 5 evaluated actors</source>
        <translation>меньше 5 оценённых участников</translation>
    </message>
    <message>
        <source>fewer than 5 cases</source>
        <translation>меньше 5 случаев</translation>
    </message>
    <message>
        <source>{0} held back ({1}): {2}.</source>
        <translation>{0} скрыто ({1}): {2}.</translation>
    </message>
    <message>
        <source>{0} held back: {1}.</source>
        <translation>{0} скрыто: {1}.</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <source>Women</source>
        <translation>Женщины</translation>
    </message>
    <message>
        <source>Men</source>
        <translation>Мужчины</translation>
    </message>
    <message>
        <source>Other gender</source>
        <translation>Другой гендер</translation>
    </message>
    <message>
        <source>Gender undisclosed (counted apart)</source>
        <translation>Гендер не указан (считается отдельно)</translation>
    </message>
    <message>
        <source>Women share (of declared)</source>
        <translation>Доля женщин (из указавших)</translation>
    </message>
    <message>
        <source>Ethnicity declared</source>
        <translation>Этническая принадлежность указана</translation>
    </message>
    <message>
        <source>Ethnicity undisclosed (counted apart)</source>
        <translation>Этническая принадлежность не указана (считается отдельно)</translation>
    </message>
    <message>
        <source>Non-Russian ethnic origin</source>
        <translation>Нерусское этническое происхождение</translation>
    </message>
    <message>
        <source>Non-Russian share (of declared)</source>
        <translation>Доля нерусских (из указавших)</translation>
    </message>
    <message>
        <source>In any group</source>
        <translation>В какой-либо группе</translation>
    </message>
    <message>
        <source>Inside Russia</source>
        <translation>В России</translation>
    </message>
    <message>
        <source>Plurality against the targets</source>
        <translation>Плюрализм в сравнении с целевыми показателями</translation>
    </message>
    <message>
        <source>Bars: the share of women among those whose gender is known, and of people of non-Russian ethnic origin among those who declared one; the green band is the target. Red: outside it.</source>
        <translation>Полосы: доля женщин среди тех, чей пол известен, и доля людей нерусского этнического происхождения среди указавших его; зелёная полоса — целевой показатель. Красным — вне его.</translation>
    </message>
    <message>
        <source>Blind spots ({0}): {1}</source>
        <translation>Белые пятна ({0}): {1}</translation>
    </message>
    <message>
        <source>Total given ({0})</source>
        <translation>Всего выделено ({0})</translation>
    </message>
    <message>
        <source>Recipients with amounts</source>
        <translation>Получатели с суммами</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Доноры</translation>
    </message>
    <message>
        <source>Top-10 recipients&apos; share</source>
        <translation>Доля 10 крупнейших получателей</translation>
    </message>
    <message>
        <source>HHI over recipients (0–10,000)</source>
        <translation>ИХХ по получателям (0–10 000)</translation>
    </message>
    <message>
        <source>HHI over providers (0–10,000)</source>
        <translation>ИХХ по донорам (0–10 000)</translation>
    </message>
    <message>
        <source>To organisations founded before 2022</source>
        <translation>Организациям, основанным до 2022 года</translation>
    </message>
    <message>
        <source>To organisations founded since 2022</source>
        <translation>Организациям, основанным с 2022 года</translation>
    </message>
    <message>
        <source>To people</source>
        <translation>Людям</translation>
    </message>
    <message>
        <source>Overlapping support (recipient and kind)</source>
        <translation>Пересекающаяся поддержка (получатель и вид)</translation>
    </message>
    <message>
        <source>Each tile is a federal subject, placed roughly as on a map; the darker, the more. Dashed red outline: Crimea and Sevastopol, Ukrainian territory occupied by Russia.</source>
        <translation>Каждая клетка — субъект федерации, примерно на своём месте на карте; чем темнее, тем больше. Красный пунктир: Крым и Севастополь, территория Украины, оккупированная Россией.</translation>
    </message>
    <message>
        <source>Running today</source>
        <translation>Действует сегодня</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>Не указан</translation>
    </message>
    <message>
        <source>Regions without any support: {0}</source>
        <translation>Регионы без какой-либо поддержки: {0}</translation>
    </message>
    <message>
        <source>Residence and work permits running out</source>
        <translation>Истекающие виды на жительство и разрешения на работу</translation>
    </message>
    <message>
        <source>Permits</source>
        <translation>Разрешения</translation>
    </message>
    <message>
        <source>Running out</source>
        <translation>Истекают</translation>
    </message>
    <message>
        <source>Mean score (0–4) by year, for each criterion</source>
        <translation>Средняя оценка (0–4) по годам, по каждому критерию</translation>
    </message>
    <message>
        <source>Other countries</source>
        <translation>Другие страны</translation>
    </message>
    <message>
        <source>Within 180 days, by host country</source>
        <translation>В ближайшие 180 дней, по странам пребывания</translation>
    </message>
    <message>
        <source>A country is named when five or more permits there run out; the others are added up as {0}.</source>
        <translation>Страна названа, если в ней истекает пять или более разрешений; остальные сложены в строку «{0}».</translation>
    </message>
    <message>
        <source>Evaluations on the three criteria</source>
        <translation>Оценки по трём критериям</translation>
    </message>
    <message>
        <source>Actors evaluated: {0}; assessors disagree (spread ≥ {1}) on {2}.</source>
        <translation>Оценено участников: {0}; оценщики расходятся (разброс ≥ {1}) по {2}.</translation>
    </message>
    <message>
        <source>Actors evaluated</source>
        <translation>Оценено участников</translation>
    </message>
    <message>
        <source>Actors on which assessors disagree</source>
        <translation>Участники, по которым оценщики расходятся</translation>
    </message>
    <message>
        <source>Mean scores, {0}</source>
        <translation>Средние оценки, {0}</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change passphrase — Registry</source>
        <translation>Смена парольной фразы — Реестр</translation>
    </message>
    <message>
        <source>The two new passphrases differ.</source>
        <translation>Новые парольные фразы не совпадают.</translation>
    </message>
    <message>
        <source>Choose a new passphrase</source>
        <translation>Придумайте новую парольную фразу</translation>
    </message>
    <message>
        <source>Data key replaced; the passphrase is the same as before: copies of the key file made before open nothing current.</source>
        <translation>Ключ данных заменён, парольная фраза осталась прежней: копии файла ключа, сделанные раньше, не открывают ничего из текущих данных.</translation>
    </message>
    <message>
        <source>Passphrase changed and data key replaced: copies of the key file made before open nothing current.</source>
        <translation>Парольная фраза изменена, ключ данных заменён: копии файла ключа, сделанные раньше, не открывают ничего из текущих данных.</translation>
    </message>
    <message>
        <source>Your custodians have new recovery shares: write them in Vault → Recovery shares… and send them.</source>
        <translation>У ваших хранителей новые доли для восстановления: запишите их в файлы (Хранилище → Доли для восстановления…) и отправьте им.</translation>
    </message>
    <message>
        <source>The recovery shares given so far open nothing now: set recovery up again in Vault → Recovery shares….</source>
        <translation>Выданные до сих пор доли для восстановления больше ничего не открывают: раздайте доли заново (Хранилище → Доли для восстановления…).</translation>
    </message>
    <message>
        <source>Passphrase changed. Copies of the key file made before (every backup holds one) still open the vault with the old passphrase.</source>
        <translation>Парольная фраза изменена. Копии файла ключа, сделанные раньше (он есть в каждой резервной копии), по-прежнему открывают хранилище старой парольной фразой.</translation>
    </message>
    <message>
        <source>Change &amp;passphrase…</source>
        <translation>Сменить &amp;парольную фразу…</translation>
    </message>
    <message>
        <source>&amp;Current passphrase:</source>
        <translation>&amp;Текущая парольная фраза:</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Текущая парольная фраза</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Новая парольная фраза:</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Новая парольная фраза</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;Ещё раз:</translation>
    </message>
    <message>
        <source>New passphrase again</source>
        <translation>Новая парольная фраза ещё раз</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>Надёжность:</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Надёжность парольной фразы</translation>
    </message>
    <message>
        <source>Also &amp;replace the data key (recommended)</source>
        <translation>Также &amp;заменить ключ данных (рекомендуется)</translation>
    </message>
    <message>
        <source>Also replace the vault&apos;s data key</source>
        <translation>Также заменить ключ данных хранилища</translation>
    </message>
    <message>
        <source>Copies of the vault&apos;s key file made before now, and every backup holds one, keep opening the vault with the old passphrase unless the data key is replaced too. Replacing it re-encrypts the database, which takes a moment on a large vault. Backups made before still open with the old passphrase, but only with the data they held then.</source>
        <translation>Копии файла ключа хранилища, сделанные раньше (он есть в каждой резервной копии), продолжают открывать хранилище старой парольной фразой, если не заменить и ключ данных. Замена ключа заново шифрует базу данных; на большом хранилище это занимает некоторое время. Резервные копии, сделанные раньше, по-прежнему открываются старой парольной фразой, но только с теми данными, которые в них были тогда.</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>Чего не хватает</translation>
    </message>
</context>
<context>
    <name>Counted</name>
    <message numerus="yes">
        <source>%n protected people are left out: inside Russia, marked protected, or decided the same person as one.</source>
        <translation>
            <numerusform>%n защищённый человек не попадает в пакет: в России, отмечен как защищённый или признан тем же человеком, что и защищённый.</numerusform>
            <numerusform>%n защищённых человека не попадают в пакет: в России, отмечены как защищённые или признаны тем же человеком, что и защищённый.</numerusform>
            <numerusform>%n защищённых человек не попадают в пакет: в России, отмечены как защищённые или признаны тем же человеком, что и защищённый.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n protected people travel only as pseudonyms, with no name or details: inside Russia, marked protected, or decided the same person as one.</source>
        <translation>
            <numerusform>%n защищённый человек передаётся только под псевдонимом, без имени и подробностей: в России, отмечен как защищённый или признан тем же человеком, что и защищённый.</numerusform>
            <numerusform>%n защищённых человека передаются только под псевдонимами, без имён и подробностей: в России, отмечены как защищённые или признаны тем же человеком, что и защищённый.</numerusform>
            <numerusform>%n защищённых человек передаются только под псевдонимами, без имён и подробностей: в России, отмечены как защищённые или признаны тем же человеком, что и защищённый.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n protection notices are held back because not every recipient holds those records: send each official a bundle of their own with “Only protection notices”.</source>
        <translation>
            <numerusform>%n уведомление о защите не включено, потому что эти записи есть не у всех получателей: отправьте каждому сотруднику отдельный пакет с параметром «Только уведомления о защите».</numerusform>
            <numerusform>%n уведомления о защите не включены, потому что эти записи есть не у всех получателей: отправьте каждому сотруднику отдельный пакет с параметром «Только уведомления о защите».</numerusform>
            <numerusform>%n уведомлений о защите не включены, потому что эти записи есть не у всех получателей: отправьте каждому сотруднику отдельный пакет с параметром «Только уведомления о защите».</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records about them are left out as they are; a tie travels only between pseudonyms.</source>
        <translation>
            <numerusform>%n запись о них не попадает в пакет как есть; связь передаётся только между псевдонимами.</numerusform>
            <numerusform>%n записи о них не попадают в пакет как есть; связь передаётся только между псевдонимами.</numerusform>
            <numerusform>%n записей о них не попадают в пакет как есть; связь передаётся только между псевдонимами.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records about them are left out too (ties, support, evaluations).</source>
        <translation>
            <numerusform>%n запись о них тоже не попадает в пакет (связи, поддержка, оценки).</numerusform>
            <numerusform>%n записи о них тоже не попадают в пакет (связи, поддержка, оценки).</numerusform>
            <numerusform>%n записей о них тоже не попадают в пакет (связи, поддержка, оценки).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records are above the highest sensitivity sent ({0}), or concern one that is, and are left out.</source>
        <translation>
            <numerusform>%n запись выше наивысшего передаваемого уровня доступа ({0}) или касается такой записи и не попадает в пакет.</numerusform>
            <numerusform>%n записи выше наивысшего передаваемого уровня доступа ({0}) или касаются такой записи и не попадают в пакет.</numerusform>
            <numerusform>%n записей выше наивысшего передаваемого уровня доступа ({0}) или касаются такой записи и не попадают в пакет.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records are left out.</source>
        <translation>
            <numerusform>%n запись не попадает в пакет.</numerusform>
            <numerusform>%n записи не попадают в пакет.</numerusform>
            <numerusform>%n записей не попадают в пакет.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records the recipients already hold are now protected: the bundle tells them to protect their copies.</source>
        <translation>
            <numerusform>%n запись, которая уже есть у получателей, теперь защищена: пакет сообщит им, что их копии нужно защитить.</numerusform>
            <numerusform>%n записи, которые уже есть у получателей, теперь защищены: пакет сообщит им, что их копии нужно защитить.</numerusform>
            <numerusform>%n записей, которые уже есть у получателей, теперь защищены: пакет сообщит им, что их копии нужно защитить.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fields are blanked in %n records: {0}.</source>
        <translation>
            <numerusform>Поля очищены в %n записи: {0}.</numerusform>
            <numerusform>Поля очищены в %n записях: {0}.</numerusform>
            <numerusform>Поля очищены в %n записях: {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deleted records are left out: only the fact that they were deleted travels. So is a record that points to one this vault does not hold (its erasure waits for your decision).</source>
        <translation>
            <numerusform>%n удалённая запись не попадает в пакет: передаётся только то, что она удалена. Не попадает и запись, указывающая на запись, которой нет в этом хранилище (её стирание ждёт вашего решения).</numerusform>
            <numerusform>%n удалённые записи не попадают в пакет: передаётся только то, что они удалены. Не попадает и запись, указывающая на запись, которой нет в этом хранилище (её стирание ждёт вашего решения).</numerusform>
            <numerusform>%n удалённых записей не попадают в пакет: передаётся только то, что они удалены. Не попадает и запись, указывающая на запись, которой нет в этом хранилище (её стирание ждёт вашего решения).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fields more sensitive than the highest level sent are blanked in %n records: {0}.</source>
        <translation>
            <numerusform>Поля с уровнем выше наивысшего передаваемого очищены в %n записи: {0}.</numerusform>
            <numerusform>Поля с уровнем выше наивысшего передаваемого очищены в %n записях: {0}.</numerusform>
            <numerusform>Поля с уровнем выше наивысшего передаваемого очищены в %n записях: {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Free text that names a protected person is blanked in %n records: {0}.</source>
        <translation>
            <numerusform>Свободный текст, в котором назван защищённый человек, очищен в %n записи: {0}.</numerusform>
            <numerusform>Свободный текст, в котором назван защищённый человек, очищен в %n записях: {0}.</numerusform>
            <numerusform>Свободный текст, в котором назван защищённый человек, очищен в %n записях: {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Links to protected people are removed from %n records: {0}.</source>
        <translation>
            <numerusform>Ссылки на защищённых людей удалены из %n записи: {0}.</numerusform>
            <numerusform>Ссылки на защищённых людей удалены из %n записей: {0}.</numerusform>
            <numerusform>Ссылки на защищённых людей удалены из %n записей: {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Links to records that are left out are removed from %n records: {0}.</source>
        <translation>
            <numerusform>Ссылки на невключённые записи удалены из %n записи: {0}.</numerusform>
            <numerusform>Ссылки на невключённые записи удалены из %n записей: {0}.</numerusform>
            <numerusform>Ссылки на невключённые записи удалены из %n записей: {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Links to records this vault does not hold (their erasure waits for your decision) are removed from %n records: {0}.</source>
        <translation>
            <numerusform>Ссылки на записи, которых нет в этом хранилище (их стирание ждёт вашего решения), удалены из %n записи: {0}.</numerusform>
            <numerusform>Ссылки на записи, которых нет в этом хранилище (их стирание ждёт вашего решения), удалены из %n записей: {0}.</numerusform>
            <numerusform>Ссылки на записи, которых нет в этом хранилище (их стирание ждёт вашего решения), удалены из %n записей: {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This bundle names %n people inside Russia. Write it only if every recipient needs to know them.</source>
        <translation>
            <numerusform>В этом пакете назван %n человек в России. Записывайте его, только если каждому получателю необходимо знать об этом человеке.</numerusform>
            <numerusform>В этом пакете названы %n человека в России. Записывайте его, только если каждому получателю необходимо знать о них.</numerusform>
            <numerusform>В этом пакете названо %n человек в России. Записывайте его, только если каждому получателю необходимо знать о них.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%Ln records</source>
        <translation>
            <numerusform>%Ln запись</numerusform>
            <numerusform>%Ln записи</numerusform>
            <numerusform>%Ln записей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln actors</source>
        <translation>
            <numerusform>%Ln участник</numerusform>
            <numerusform>%Ln участника</numerusform>
            <numerusform>%Ln участников</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln ties</source>
        <translation>
            <numerusform>%Ln связь</numerusform>
            <numerusform>%Ln связи</numerusform>
            <numerusform>%Ln связей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln components</source>
        <translation>
            <numerusform>%Ln компонента</numerusform>
            <numerusform>%Ln компоненты</numerusform>
            <numerusform>%Ln компонент</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln actors evaluated</source>
        <translation>
            <numerusform>оценён %Ln участник</numerusform>
            <numerusform>оценено %Ln участника</numerusform>
            <numerusform>оценено %Ln участников</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>assessors disagree on %Ln of them</source>
        <translation>
            <numerusform>оценщики расходятся по %Ln из них</numerusform>
            <numerusform>оценщики расходятся по %Ln из них</numerusform>
            <numerusform>оценщики расходятся по %Ln из них</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln permits</source>
        <translation>
            <numerusform>%Ln разрешение</numerusform>
            <numerusform>%Ln разрешения</numerusform>
            <numerusform>%Ln разрешений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>of %Ln people</source>
        <translation>
            <numerusform>у %Ln человека</numerusform>
            <numerusform>у %Ln человек</numerusform>
            <numerusform>у %Ln человек</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new</source>
        <translation>
            <numerusform>%Ln новая</numerusform>
            <numerusform>%Ln новые</numerusform>
            <numerusform>%Ln новых</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln updated</source>
        <translation>
            <numerusform>%Ln обновлена</numerusform>
            <numerusform>%Ln обновлены</numerusform>
            <numerusform>%Ln обновлено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unchanged</source>
        <translation>
            <numerusform>%Ln без изменений</numerusform>
            <numerusform>%Ln без изменений</numerusform>
            <numerusform>%Ln без изменений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln merged with an earlier row</source>
        <translation>
            <numerusform>%Ln объединена с предыдущей строкой</numerusform>
            <numerusform>%Ln объединены с предыдущими строками</numerusform>
            <numerusform>%Ln объединено с предыдущими строками</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new beside a namesake (sent to review)</source>
        <translation>
            <numerusform>%Ln новая рядом с тёзкой (отправлена на проверку)</numerusform>
            <numerusform>%Ln новые рядом с тёзками (отправлены на проверку)</numerusform>
            <numerusform>%Ln новых рядом с тёзками (отправлено на проверку)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rejected</source>
        <translation>
            <numerusform>%Ln отклонена</numerusform>
            <numerusform>%Ln отклонены</numerusform>
            <numerusform>%Ln отклонено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dry run over all %Ln rows: </source>
        <translation>
            <numerusform>Пробный прогон по %Ln строке: </numerusform>
            <numerusform>Пробный прогон по всем %Ln строкам: </numerusform>
            <numerusform>Пробный прогон по всем %Ln строкам: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln more lines are in the saved report.</source>
        <translation>
            <numerusform>Ещё %Ln строка — в сохранённом отчёте.</numerusform>
            <numerusform>Ещё %Ln строки — в сохранённом отчёте.</numerusform>
            <numerusform>Ещё %Ln строк — в сохранённом отчёте.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln records are now protected, and you shared them before.</source>
        <translation>
            <numerusform>%Ln запись теперь защищена, и вы ею уже делились.</numerusform>
            <numerusform>%Ln записи теперь защищены, и вы ими уже делились.</numerusform>
            <numerusform>%Ln записей теперь защищены, и вы ими уже делились.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing {0} of %Ln records.</source>
        <translation>
            <numerusform>Показано {0} из %Ln записи.</numerusform>
            <numerusform>Показано {0} из %Ln записей.</numerusform>
            <numerusform>Показано {0} из %Ln записей.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Blind spots: {0} of %Ln regions not covered by any organisation or media</source>
        <translation>
            <numerusform>Белые пятна: {0} из %Ln региона не охвачены ни одной организацией или СМИ</numerusform>
            <numerusform>Белые пятна: {0} из %Ln регионов не охвачены ни одной организацией или СМИ</numerusform>
            <numerusform>Белые пятна: {0} из %Ln регионов не охвачены ни одной организацией или СМИ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln regions covered by no organisation</source>
        <translation>
            <numerusform>%Ln регион без единой организации</numerusform>
            <numerusform>%Ln региона без единой организации</numerusform>
            <numerusform>%Ln регионов без единой организации</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Within %Ln days</source>
        <translation>
            <numerusform>В ближайший %Ln день</numerusform>
            <numerusform>В ближайшие %Ln дня</numerusform>
            <numerusform>В ближайшие %Ln дней</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>by %Ln points or more</source>
        <translation>
            <numerusform>на %Ln балл и больше</numerusform>
            <numerusform>на %Ln балла и больше</numerusform>
            <numerusform>на %Ln баллов и больше</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This import checks %Ln rows. Back up the vault before importing? (Choose No to import without a backup.)</source>
        <translation>
            <numerusform>Этот импорт проверит %Ln строку. Сделать резервную копию хранилища перед импортом? (Выберите «Нет», чтобы импортировать без резервной копии.)</numerusform>
            <numerusform>Этот импорт проверит %Ln строки. Сделать резервную копию хранилища перед импортом? (Выберите «Нет», чтобы импортировать без резервной копии.)</numerusform>
            <numerusform>Этот импорт проверит %Ln строк. Сделать резервную копию хранилища перед импортом? (Выберите «Нет», чтобы импортировать без резервной копии.)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>People by region of origin</source>
        <translation>Люди по регионам происхождения</translation>
    </message>
    <message>
        <source>Organisations and media covering the region</source>
        <translation>Организации и СМИ, охватывающие регион</translation>
    </message>
    <message>
        <source>Media covering the region</source>
        <translation>СМИ, освещающие регион</translation>
    </message>
    <message>
        <source>Central</source>
        <translation>Центральный</translation>
    </message>
    <message>
        <source>Northwestern</source>
        <translation>Северо-Западный</translation>
    </message>
    <message>
        <source>Southern</source>
        <translation>Южный</translation>
    </message>
    <message>
        <source>North Caucasian</source>
        <translation>Северо-Кавказский</translation>
    </message>
    <message>
        <source>Volga</source>
        <translation>Приволжский</translation>
    </message>
    <message>
        <source>Ural</source>
        <translation>Уральский</translation>
    </message>
    <message>
        <source>Siberian</source>
        <translation>Сибирский</translation>
    </message>
    <message>
        <source>Far Eastern</source>
        <translation>Дальневосточный</translation>
    </message>
    <message>
        <source>Occupied Ukrainian territory (Crimea, Sevastopol)</source>
        <translation>Оккупированная территория Украины (Крым, Севастополь)</translation>
    </message>
    <message>
        <source>Colour by:</source>
        <translation>Цвет по:</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Округ</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>Организации</translation>
    </message>
    <message>
        <source>Media</source>
        <translation>СМИ</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>Регионы</translation>
    </message>
    <message>
        <source>Federal district</source>
        <translation>Федеральный округ</translation>
    </message>
    <message>
        <source>People of origin</source>
        <translation>Людей из региона</translation>
    </message>
    <message>
        <source>Covering organisations</source>
        <translation>Организации, работающие с регионом</translation>
    </message>
    <message>
        <source>Covering media</source>
        <translation>СМИ, освещающие регион</translation>
    </message>
    <message>
        <source>Regions covered</source>
        <translation>Регионы охвата</translation>
    </message>
    <message>
        <source> — no actor of origin either</source>
        <translation> — и нет ни одного участника из региона</translation>
    </message>
    <message>
        <source>Standards and visions</source>
        <translation>Стандарты и видение</translation>
    </message>
    <message>
        <source>Knowledge for debate</source>
        <translation>Знания для дискуссии</translation>
    </message>
    <message>
        <source>Work inside Russia</source>
        <translation>Работа внутри России</translation>
    </message>
    <message>
        <source>{0}; {1} {2} (highlighted)</source>
        <translation>{0}; {1} {2} (выделены)</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Участник</translation>
    </message>
    <message>
        <source>Assessors</source>
        <translation>Оценщики</translation>
    </message>
    <message>
        <source>{0}: mean</source>
        <translation>{0}: среднее</translation>
    </message>
    <message>
        <source>{0}: spread</source>
        <translation>{0}: разброс</translation>
    </message>
    <message>
        <source>Select an actor to see every assessor&apos;s evaluations. Trend over all actors:</source>
        <translation>Выберите участника, чтобы увидеть оценки всех оценщиков. Динамика по всем участникам:</translation>
    </message>
    <message>
        <source>Evaluations of {0} (latest per assessor in bold):</source>
        <translation>Оценки участника {0} (последняя оценка каждого оценщика выделена):</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>Оценщик</translation>
    </message>
    <message>
        <source>{0}: {1} {2}</source>
        <translation>{0}: {1} {2}</translation>
    </message>
    <message>
        <source>Host country / holder</source>
        <translation>Страна пребывания / владелец</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Осталось дней</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Донор</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <source>All people</source>
        <translation>Все люди</translation>
    </message>
    <message>
        <source>Participants of supported events and programmes</source>
        <translation>Участники поддержанных событий и программ</translation>
    </message>
    <message>
        <source>Support recipients</source>
        <translation>Получатели поддержки</translation>
    </message>
    <message>
        <source>all people</source>
        <translation>все люди</translation>
    </message>
    <message>
        <source>participants</source>
        <translation>участники</translation>
    </message>
    <message>
        <source>recipients</source>
        <translation>получатели</translation>
    </message>
    <message>
        <source>Women — {0}</source>
        <translation>Женщины — {0}</translation>
    </message>
    <message>
        <source>Non-Russian origin — {0}</source>
        <translation>Нерусское происхождение — {0}</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <source>Women</source>
        <translation>Женщины</translation>
    </message>
    <message>
        <source>Men</source>
        <translation>Мужчины</translation>
    </message>
    <message>
        <source>Other gender</source>
        <translation>Другой гендер</translation>
    </message>
    <message>
        <source>Gender undisclosed (counted apart)</source>
        <translation>Гендер не указан (считается отдельно)</translation>
    </message>
    <message>
        <source>Women share (of declared)</source>
        <translation>Доля женщин (из указавших)</translation>
    </message>
    <message>
        <source>Ethnicity declared</source>
        <translation>Этническая принадлежность указана</translation>
    </message>
    <message>
        <source>Ethnicity undisclosed (counted apart)</source>
        <translation>Этническая принадлежность не указана (считается отдельно)</translation>
    </message>
    <message>
        <source>Non-Russian ethnic origin</source>
        <translation>Нерусское этническое происхождение</translation>
    </message>
    <message>
        <source>Non-Russian share (of declared)</source>
        <translation>Доля нерусских (из указавших)</translation>
    </message>
    <message>
        <source>In any group</source>
        <translation>В какой-либо группе</translation>
    </message>
    <message>
        <source>Inside Russia</source>
        <translation>В России</translation>
    </message>
    <message>
        <source>Targets: women {0} ± {1}; non-Russian ethnic origin at least {2}, goal {3}. Shaded: the target band.</source>
        <translation>Цели: женщины {0} ± {1}; нерусское этническое происхождение не меньше {2}, цель {3}. Заливка — целевой диапазон.</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>on target</source>
        <translation>в пределах цели</translation>
    </message>
    <message>
        <source>below target</source>
        <translation>ниже цели</translation>
    </message>
    <message>
        <source>below parity</source>
        <translation>ниже паритета</translation>
    </message>
    <message>
        <source>no support</source>
        <translation>нет поддержки</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>нет данных</translation>
    </message>
    <message>
        <source>Total given ({0})</source>
        <translation>Всего выделено ({0})</translation>
    </message>
    <message>
        <source>Recipients with amounts</source>
        <translation>Получатели с суммами</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Доноры</translation>
    </message>
    <message>
        <source>Top-10 recipients&apos; share</source>
        <translation>Доля 10 крупнейших получателей</translation>
    </message>
    <message>
        <source>HHI over recipients (0–10,000)</source>
        <translation>ИХХ по получателям (0–10 000)</translation>
    </message>
    <message>
        <source>HHI over providers (0–10,000)</source>
        <translation>ИХХ по донорам (0–10 000)</translation>
    </message>
    <message>
        <source>To organisations founded before 2022</source>
        <translation>Организациям, основанным до 2022 года</translation>
    </message>
    <message>
        <source>To organisations founded since 2022</source>
        <translation>Организациям, основанным с 2022 года</translation>
    </message>
    <message>
        <source>To people</source>
        <translation>Людям</translation>
    </message>
    <message>
        <source>Overlapping support (recipient and kind)</source>
        <translation>Пересекающаяся поддержка (получатель и вид)</translation>
    </message>
    <message>
        <source>Concentration</source>
        <translation>Концентрация</translation>
    </message>
    <message>
        <source>Horizons</source>
        <translation>Горизонты</translation>
    </message>
    <message>
        <source>Gaps: groups among recipients</source>
        <translation>Пробелы: группы среди получателей</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>Матрица</translation>
    </message>
    <message>
        <source>Overlaps</source>
        <translation>Пересечения</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Год:</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>Любой вид</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Вид:</translation>
    </message>
    <message>
        <source>Unspecified</source>
        <translation>Не указано</translation>
    </message>
    <message>
        <source>Horizon</source>
        <translation>Горизонт</translation>
    </message>
    <message>
        <source>Supports</source>
        <translation>Случаи поддержки</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Получатели</translation>
    </message>
    <message>
        <source>Running today</source>
        <translation>Действует сегодня</translation>
    </message>
    <message>
        <source>Amounts</source>
        <translation>Суммы</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Share of people</source>
        <translation>Доля людей</translation>
    </message>
    <message>
        <source>Share of recipients</source>
        <translation>Доля получателей</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Undated</source>
        <translation>Без даты</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Все годы</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Получатель</translation>
    </message>
    <message>
        <source>running</source>
        <translation>действует</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>To</source>
        <translation>По</translation>
    </message>
    <message>
        <source>Plurality targets</source>
        <translation>Цели по плюрализму</translation>
    </message>
    <message>
        <source>Women, share of participants</source>
        <translation>Женщины, доля участников</translation>
    </message>
    <message>
        <source>Women, tolerance (±)</source>
        <translation>Женщины, допуск (±)</translation>
    </message>
    <message>
        <source>Non-Russian ethnic origin, minimum</source>
        <translation>Нерусское этническое происхождение, минимум</translation>
    </message>
    <message>
        <source>Non-Russian ethnic origin, goal</source>
        <translation>Нерусское этническое происхождение, цель</translation>
    </message>
    <message>
        <source>Groups: shortfall from parity tolerated</source>
        <translation>Группы: допустимое отставание от паритета</translation>
    </message>
    <message>
        <source>Evaluations disagree at a spread of</source>
        <translation>Оценки расходятся при разбросе от</translation>
    </message>
    <message>
        <source>The minimum must not exceed the goal.</source>
        <translation>Минимум не может быть больше цели.</translation>
    </message>
    <message>
        <source>Plurality</source>
        <translation>Плюрализм</translation>
    </message>
    <message>
        <source>Regional coverage</source>
        <translation>Охват регионов</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Поддержка</translation>
    </message>
    <message>
        <source>Permits</source>
        <translation>Разрешения</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>Оценки</translation>
    </message>
    <message>
        <source>Reveal protected names</source>
        <translation>Показать защищённые имена</translation>
    </message>
    <message>
        <source>People inside Russia and protected records are shown under a pseudonym unless revealed. Locking hides them again.</source>
        <translation>Люди в России и защищённые записи показаны под псевдонимом, пока их не раскрыть. Блокировка снова скрывает их.</translation>
    </message>
    <message>
        <source>Targets…</source>
        <translation>Цели…</translation>
    </message>
    <message>
        <source>Briefing PDF…</source>
        <translation>Справка в PDF…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Computing figures…</source>
        <translation>Расчёт показателей…</translation>
    </message>
    <message>
        <source>Figures as of {0}</source>
        <translation>Показатели на {0}</translation>
    </message>
    <message>
        <source>Save briefing</source>
        <translation>Сохранить справку</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the briefing…</source>
        <translation>Запись справки…</translation>
    </message>
    <message>
        <source>Briefing saved.</source>
        <translation>Справка сохранена.</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>ГГГГ-ММ-ДД</translation>
    </message>
</context>
<context>
    <name>Display</name>
    <message>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <source>Inside Russia</source>
        <translation>В России</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Уровень доступа</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Достоверность</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Horizon</source>
        <translation>Горизонт</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>Person #{0}</source>
        <translation>Человек №{0}</translation>
    </message>
    <message>
        <source>Organisation #{0}</source>
        <translation>Организация №{0}</translation>
    </message>
    <message>
        <source>Outside Russia</source>
        <translation>За пределами России</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Region covered</source>
        <translation>Регион охвата</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>Организации</translation>
    </message>
    <message>
        <source>Ties</source>
        <translation>Связи</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Поддержка</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>События</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>Оценки</translation>
    </message>
    <message>
        <source>Duplicate decisions</source>
        <translation>Решения о дубликатах</translation>
    </message>
    <message>
        <source>Record details</source>
        <translation>Сведения о записи</translation>
    </message>
    <message>
        <source>Any {0}</source>
        <translation>{0}: все</translation>
    </message>
    <message>
        <source>Type one more letter to search</source>
        <translation>Введите ещё одну букву для поиска</translation>
    </message>
</context>
<context>
    <name>DuplicateCounts</name>
    <message numerus="yes">
        <source>%Ln pair(s) to review.</source>
        <translation>
            <numerusform>%Ln пара для проверки.</numerusform>
            <numerusform>%Ln пары для проверки.</numerusform>
            <numerusform>%Ln пар для проверки.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Duplicates</name>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>First record</source>
        <translation>Первая запись</translation>
    </message>
    <message>
        <source>Second record</source>
        <translation>Вторая запись</translation>
    </message>
    <message>
        <source>Why they may be one:</source>
        <translation>Почему это может быть одно и то же:</translation>
    </message>
    <message>
        <source>Older record: kept if they are the same.</source>
        <translation>Более старая запись: сохраняется, если это одно и то же.</translation>
    </message>
    <message>
        <source>Newer record: marked as merged if they are the same.</source>
        <translation>Более новая запись: будет помечена как объединённая, если это одно и то же.</translation>
    </message>
    <message>
        <source>The two records differ here.</source>
        <translation>Здесь записи различаются.</translation>
    </message>
    <message>
        <source>Same</source>
        <translation>Одно и то же</translation>
    </message>
    <message>
        <source>Not the same</source>
        <translation>Разные</translation>
    </message>
    <message>
        <source>Unsure</source>
        <translation>Не уверен</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Решения</translation>
    </message>
    <message>
        <source>Find duplicates</source>
        <translation>Найти дубликаты</translation>
    </message>
    <message>
        <source>Compare every person and organisation (names in both scripts, places); at 100,000 records this takes a while.</source>
        <translation>Сравнить всех людей и все организации (имена в обоих алфавитах, места); при 100 000 записей это займёт некоторое время.</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Сходство</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Решено</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
    <message>
        <source>Decided pairs are never proposed again. &quot;Same&quot; marked the newer record as merged into the older; the other decisions stay in this vault.</source>
        <translation>Решённые пары больше не предлагаются. При решении «Одно и то же» более новая запись помечена как объединённая с более старой; остальные решения остаются только в этом хранилище.</translation>
    </message>
    <message>
        <source>&amp;Same (S)</source>
        <translation>&amp;Одно и то же (S)</translation>
    </message>
    <message>
        <source>&amp;Not the same (N)</source>
        <translation>&amp;Разные (N)</translation>
    </message>
    <message>
        <source>&amp;Unsure (U)</source>
        <translation>&amp;Не уверен (U)</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>Поиск дубликатов…</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Человек</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>No pairs to review.</source>
        <translation>Пар для проверки нет.</translation>
    </message>
    <message>
        <source>The same person or organisation?</source>
        <translation>Это один и тот же человек или организация?</translation>
    </message>
    <message>
        <source>The newer record will be marked as merged into the older; the link travels in bundles. Continue?</source>
        <translation>Более новая запись будет помечена как объединённая с более старой; эта связь передаётся в пакетах. Продолжить?</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(стёрто)</translation>
    </message>
</context>
<context>
    <name>EmptyHint</name>
    <message>
        <source>No people yet. Add one with New (Ctrl+N), import a spreadsheet (Vault → Import spreadsheet…), or import a bundle from a colleague (Sharing → Import bundles…).</source>
        <translation>Людей пока нет. Добавьте человека кнопкой «Создать» (Ctrl+N), импортируйте таблицу (Хранилище → Импортировать таблицу…) или пакет от коллеги (Обмен → Импортировать пакеты…).</translation>
    </message>
    <message>
        <source>No organisations yet. Add one with New (Ctrl+N), import a spreadsheet (Vault → Import spreadsheet…), or import a bundle from a colleague (Sharing → Import bundles…).</source>
        <translation>Организаций пока нет. Добавьте организацию кнопкой «Создать» (Ctrl+N), импортируйте таблицу (Хранилище → Импортировать таблицу…) или пакет от коллеги (Обмен → Импортировать пакеты…).</translation>
    </message>
    <message>
        <source>No ties yet. A tie links two people or organisations (works for, member of, family…). Add the people and organisations first, then New (Ctrl+N) here, or Add tie in a record&apos;s Ties tab.</source>
        <translation>Связей пока нет. Связь соединяет двух людей или организации (работа в организации, членство, родство…). Сначала добавьте людей и организации, затем нажмите здесь «Создать» (Ctrl+N) или «Добавить связь» на вкладке «Связи» записи.</translation>
    </message>
    <message>
        <source>No support recorded yet. Support goes from a provider (an organisation of type donor or government body) to a person or organisation. Add the provider first, then New (Ctrl+N) here.</source>
        <translation>Поддержка ещё не внесена. Поддержку оказывает донор или государственный орган (организация такого типа) человеку или организации. Сначала добавьте того, кто её оказывает, затем нажмите здесь «Создать» (Ctrl+N).</translation>
    </message>
    <message>
        <source>No events or programmes yet. Add one with New (Ctrl+N): a title, dates, a place, the organiser and the people who took part.</source>
        <translation>Событий и программ пока нет. Добавьте событие кнопкой «Создать» (Ctrl+N): название, даты, место, организатора и участников.</translation>
    </message>
    <message>
        <source>No evaluations yet. Score a person or organisation on the three criteria with New (Ctrl+N). Colleagues&apos; evaluations arrive with their bundles and are kept side by side with yours.</source>
        <translation>Оценок пока нет. Оцените человека или организацию по трём критериям кнопкой «Создать» (Ctrl+N). Оценки коллег приходят в их пакетах и хранятся рядом с вашими.</translation>
    </message>
    <message>
        <source>No records yet. Add one with New (Ctrl+N).</source>
        <translation>Записей пока нет. Добавьте запись кнопкой «Создать» (Ctrl+N).</translation>
    </message>
    <message>
        <source>No record matches. Clear the search, or set the filters back to &quot;Any&quot;.</source>
        <translation>Ничего не найдено. Очистите поиск или верните фильтрам значение «все».</translation>
    </message>
    <message>
        <source>No trusted officials yet. Give a colleague your card (Save card… above), add theirs with Add from card…, then compare the safety number in person or on a call. Bundles go only to verified officials.</source>
        <translation>Доверенных сотрудников пока нет. Передайте коллеге свою карточку («Сохранить карточку…» выше), добавьте его карточку кнопкой «Добавить по карточке…» и сверьте код безопасности лично или по видео- или телефонной связи. Пакеты отправляются только проверенным сотрудникам.</translation>
    </message>
    <message>
        <source>No bundles imported yet. Import bundles… opens the files a colleague sent you; each import can be reverted from here.</source>
        <translation>Импортированных пакетов пока нет. «Импортировать пакеты…» открывает файлы, которые прислал коллега; любой импорт можно отменить здесь.</translation>
    </message>
    <message>
        <source>Nothing is waiting for your decision.</source>
        <translation>Ничто не ждёт вашего решения.</translation>
    </message>
    <message>
        <source>The vault is empty, so every figure is zero. Add people and organisations, the support they receive and evaluations of their work (or import a spreadsheet or a colleague&apos;s bundle): the figures fill in as you go.</source>
        <translation>Хранилище пустое, поэтому все показатели равны нулю. Добавьте людей и организации, оказанную им поддержку и оценки их работы (или импортируйте таблицу либо пакет коллеги): показатели будут заполняться по мере работы.</translation>
    </message>
    <message>
        <source>Ties between people and organisations are drawn here. Type a name under Actor and press Ego network, or press Whole network.</source>
        <translation>Здесь рисуются связи между людьми и организациями. Введите имя в поле «Участник» и нажмите «Окружение участника» или нажмите «Вся сеть».</translation>
    </message>
    <message>
        <source>No ties to draw: the vault has none yet, or the filters hide them all. Add ties in the Ties section, or import a bundle from a colleague.</source>
        <translation>Рисовать нечего: в хранилище ещё нет связей или фильтры скрывают их все. Добавьте связи в разделе «Связи» или импортируйте пакет от коллеги.</translation>
    </message>
    <message>
        <source>Press Find duplicates: every person and organisation is compared (names in both scripts and their spellings), and the pairs that may be one record are listed here, with those a spreadsheet import set aside.</source>
        <translation>Нажмите «Найти дубликаты»: все люди и организации сравниваются (имена в обоих алфавитах и их варианты написания), и здесь появляются пары, которые могут быть одной записью, а также пары, отложенные при импорте таблицы.</translation>
    </message>
    <message>
        <source>No pairs to review. Look again after an import or after adding records.</source>
        <translation>Пар для проверки нет. Проверьте снова после импорта или добавления записей.</translation>
    </message>
    <message>
        <source>No decisions yet. Decide a pair on the Review tab: Same, Not the same or Unsure.</source>
        <translation>Решений пока нет. Примите решение по паре на вкладке «Проверка»: «Одно и то же», «Разные» или «Не уверен».</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>A decision needs two different records.</source>
        <translation>Для решения нужны две разные записи.</translation>
    </message>
    <message>
        <source>Only two persons or two organisations can be duplicates.</source>
        <translation>Дубликатами могут быть только два человека или две организации.</translation>
    </message>
    <message>
        <source>A decision on this pair was erased with one of its records.</source>
        <translation>Решение по этой паре было стёрто вместе с одной из её записей.</translation>
    </message>
    <message>
        <source>The vault has no identity: it was not finished. Create it again.</source>
        <translation>У хранилища нет данных владельца: его создание не было завершено. Создайте его заново.</translation>
    </message>
    <message>
        <source>A name, an organisation and a country are needed.</source>
        <translation>Нужны имя, организация и страна.</translation>
    </message>
    <message>
        <source>The vault folder {path} cannot be made ({reason}). Choose a folder you may write to with --vault.</source>
        <translation>Не удалось создать папку хранилища {path} ({reason}). Выберите папку, в которую у вас есть право записи (параметр --vault).</translation>
    </message>
    <message>
        <source>The vault at {path} has no key file: it was wiped or is incomplete, and cannot be opened. Restore it from a backup.</source>
        <translation>У хранилища в {path} нет файла ключа: его стёрли или оно неполное, и открыть его нельзя. Восстановите его из резервной копии.</translation>
    </message>
    <message>
        <source>No vault at {path}. Create one with &apos;registry init&apos; or choose another folder with --vault.</source>
        <translation>В {path} нет хранилища. Создайте его командой «registry init» или выберите другую папку параметром --vault.</translation>
    </message>
    <message>
        <source>A passphrase is needed: none was given (set REGISTRY_PASSPHRASE or run from a terminal) and this computer does not remember the vault.</source>
        <translation>Нужна парольная фраза: она не введена (задайте REGISTRY_PASSPHRASE или запустите из терминала), а этот компьютер не запомнил хранилище.</translation>
    </message>
    <message>
        <source>The key remembered on this computer no longer opens the vault (it was rotated elsewhere). Unlock with the passphrase.</source>
        <translation>Ключ, запомненный на этом компьютере, больше не открывает хранилище (его сменили на другом компьютере). Разблокируйте парольной фразой.</translation>
    </message>
    <message>
        <source>The new passphrase is the same as the current one you gave: nothing was changed.</source>
        <translation>Новая парольная фраза совпадает с указанной текущей: ничего не изменено.</translation>
    </message>
    <message>
        <source>An evaluation is changed only by the official who made it; add your own evaluation instead.</source>
        <translation>Оценку может изменить только сотрудник, который её сделал; добавьте вместо этого свою оценку.</translation>
    </message>
    <message>
        <source>This lowers the record&apos;s protection. Lowering is kept in this vault only: officials who hold the record keep it protected. Confirm to go on.</source>
        <translation>Это снижает защиту записи. Снижение действует только в этом хранилище: у других сотрудников запись остаётся защищённой. Подтвердите, чтобы продолжить.</translation>
    </message>
    <message>
        <source>That record was erased.</source>
        <translation>Эта запись стёрта.</translation>
    </message>
    <message>
        <source>No record with that id. Use &apos;registry search&apos; to find it.</source>
        <translation>Записи с таким идентификатором нет. Найдите её поиском («registry search»).</translation>
    </message>
    <message>
        <source>the provider must be an organisation of type donor or government.</source>
        <translation>поставщиком должна быть организация типа «донор» или «государственный орган».</translation>
    </message>
    <message>
        <source>A tie needs two different records.</source>
        <translation>Для связи нужны две разные записи.</translation>
    </message>
    <message>
        <source>A vault already exists at {path}. Choose another folder with --vault, or wipe that vault first.</source>
        <translation>В {path} уже есть хранилище. Выберите другую папку параметром --vault или сначала сотрите это хранилище.</translation>
    </message>
    <message>
        <source>The passphrase is empty.</source>
        <translation>Парольная фраза пуста.</translation>
    </message>
    <message>
        <source>The passphrase contains a line break, a tab or another control character, which cannot be typed when the vault is opened. Choose one without (if it comes from a file, leave out the final line break).</source>
        <translation>Парольная фраза содержит перевод строки, табуляцию или другой управляющий символ, который нельзя будет ввести при открытии хранилища. Выберите фразу без них (если она берётся из файла, уберите последний перевод строки).</translation>
    </message>
    <message>
        <source>A vault key file already exists at {path}; it was left untouched.</source>
        <translation>Файл ключа хранилища уже существует в {path}; он не изменён.</translation>
    </message>
    <message>
        <source>A data key rotation is unfinished: unlock the vault to complete or discard it before starting another.</source>
        <translation>Смена ключа данных не завершена: разблокируйте хранилище, чтобы завершить или отменить её, прежде чем начинать новую.</translation>
    </message>
    <message>
        <source>Another Registry window or command is changing the vault&apos;s key or opening the vault: try again when it has finished. Nothing was changed.</source>
        <translation>Другое окно или команда Registry меняет ключ хранилища или открывает его: попробуйте ещё раз, когда они закончат. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The passphrase does not open this vault. Check it (and the keyboard layout) and try again.</source>
        <translation>Эта парольная фраза не открывает хранилище. Проверьте её (и раскладку клавиатуры) и попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>No data key rotation is under way: nothing was changed.</source>
        <translation>Смена ключа данных не идёт: ничего не изменено.</translation>
    </message>
    <message>
        <source>No vault key file at {path}.</source>
        <translation>В {path} нет файла ключа хранилища.</translation>
    </message>
    <message>
        <source>The vault key file {path} cannot be read ({reason}).</source>
        <translation>Не удалось прочитать файл ключа хранилища {path} ({reason}).</translation>
    </message>
    <message>
        <source>Could not delete {path} ({reason}); delete it by hand or destroy the disk.</source>
        <translation>Не удалось удалить {path} ({reason}); удалите его вручную или уничтожьте диск.</translation>
    </message>
    <message>
        <source>The operation could not be completed. Check what you entered and try again; if it fails again, restart the application.</source>
        <translation>Операцию не удалось выполнить. Проверьте введённые данные и попробуйте ещё раз; если ошибка повторится, перезапустите приложение.</translation>
    </message>
    <message>
        <source>A value, file or choice does not pass the checks. Correct it and try again.</source>
        <translation>Значение, файл или выбор не прошли проверку. Исправьте и попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The record, official or file was not found: it may have been erased or moved. Refresh the list and choose it again.</source>
        <translation>Запись, сотрудник или файл не найдены: возможно, их удалили или переместили. Обновите список и выберите снова.</translation>
    </message>
    <message>
        <source>The vault cannot be used as asked. Check the vault folder, or restore the vault from a backup.</source>
        <translation>Хранилище нельзя использовать так, как запрошено. Проверьте папку хранилища или восстановите его из резервной копии.</translation>
    </message>
    <message>
        <source>The passphrase is wrong. Check the keyboard layout and Caps Lock, and type it again.</source>
        <translation>Неверная парольная фраза. Проверьте раскладку клавиатуры и Caps Lock и введите её ещё раз.</translation>
    </message>
    <message>
        <source>The vault is locked. Unlock it with your passphrase.</source>
        <translation>Хранилище заблокировано. Разблокируйте его своей парольной фразой.</translation>
    </message>
    <message>
        <source>Another window or command is writing to the vault. Wait a moment and try again.</source>
        <translation>Другое окно или команда сейчас записывает в хранилище. Подождите немного и попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The vault is damaged and cannot be opened safely. Restore it from a backup.</source>
        <translation>Хранилище повреждено, и открыть его безопасно нельзя. Восстановите его из резервной копии.</translation>
    </message>
    <message>
        <source>The vault&apos;s folder cannot be opened or written now (it is read-only, not yours, or the disk reports an error). The vault is not known to be damaged: do not restore it from a backup. Fix the folder or the disk, then try again.</source>
        <translation>Папку хранилища сейчас нельзя открыть или изменить (она только для чтения, принадлежит другому пользователю, или диск сообщает об ошибке). Нет оснований считать хранилище повреждённым: не восстанавливайте его из резервной копии. Исправьте папку или диск и попробуйте снова.</translation>
    </message>
    <message>
        <source>A vault is already in that folder. Choose another folder, or confirm that it should be replaced.</source>
        <translation>В этой папке уже есть хранилище. Выберите другую папку или подтвердите, что его нужно заменить.</translation>
    </message>
    <message>
        <source>This computer&apos;s keychain cannot be used. Unlock with your passphrase instead.</source>
        <translation>Связку ключей этого компьютера использовать нельзя. Разблокируйте хранилище парольной фразой.</translation>
    </message>
    <message>
        <source>A signature does not verify, or its signer is unknown or revoked. Nothing was imported. Verify the sender&apos;s card with them before you try again.</source>
        <translation>Подпись не проходит проверку, или подписавший неизвестен либо отозван. Ничего не импортировано. Прежде чем пробовать снова, сверьте карточку отправителя вместе с ним.</translation>
    </message>
    <message>
        <source>The bundle cannot be used: it is damaged, too large, or not addressed to you. Nothing was imported. Ask the sender for a new bundle.</source>
        <translation>Пакет нельзя использовать: он повреждён, слишком велик или адресован не вам. Ничего не импортировано. Попросите отправителя прислать новый пакет.</translation>
    </message>
    <message>
        <source>A record in the bundle is not valid. Nothing was imported. Ask the sender for a new bundle.</source>
        <translation>Одна из записей пакета недействительна. Ничего не импортировано. Попросите отправителя прислать новый пакет.</translation>
    </message>
    <message>
        <source>The backup cannot be used: it is unreadable, damaged, or belongs to another vault. Choose another backup file.</source>
        <translation>Резервную копию нельзя использовать: она не читается, повреждена или относится к другому хранилищу. Выберите другой файл резервной копии.</translation>
    </message>
    <message>
        <source>The disk is full and nothing was written. Free some space and try again.</source>
        <translation>Диск заполнен, ничего не записано. Освободите место и попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The file would be larger than this drive allows (a FAT32 drive takes at most 4 GB a file). Nothing was written. Choose another drive, or one formatted with exFAT or NTFS.</source>
        <translation>Файл получился бы больше, чем допускает этот диск (на диске FAT32 файл не может превышать 4 ГБ). Ничего не записано. Выберите другой диск или диск, отформатированный в exFAT или NTFS.</translation>
    </message>
    <message>
        <source>The file could not be written there. Choose a folder you may write to.</source>
        <translation>Не удалось записать файл в это место. Выберите папку, в которую у вас есть право записи.</translation>
    </message>
    <message>
        <source>These choices do not go together, or a confirmation is missing. Check them and try again.</source>
        <translation>Выбранные параметры несовместимы, или не хватает подтверждения. Проверьте их и попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The file is refused and nothing was imported: it is too large, of an unknown format, or unreadable. Save it as CSV or XLSX and try again.</source>
        <translation>Файл отклонён, ничего не импортировано: он слишком велик, в неизвестном формате или не читается. Сохраните его как CSV или XLSX и попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The passphrase is too easy to guess. Choose a longer one: several unrelated words.</source>
        <translation>Парольную фразу слишком легко угадать. Выберите более длинную: несколько не связанных между собой слов.</translation>
    </message>
    <message>
        <source>Lowering a record&apos;s protection must be confirmed. Save again and confirm.</source>
        <translation>Снижение защиты записи нужно подтвердить. Сохраните ещё раз и подтвердите.</translation>
    </message>
    <message>
        <source>The recovery shares do not open this vault: they are of an earlier data key or of another vault. Nothing was changed. Ask your custodians for the shares they hold now.</source>
        <translation>Доли для восстановления не открывают это хранилище: они от прежнего ключа данных или от другого хранилища. Ничего не изменено. Попросите хранителей прислать доли, которые у них сейчас.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>Отменено: ничего не записано.</translation>
    </message>
    <message>
        <source>The list was asked for again before this answer came; nothing was changed.</source>
        <translation>Список запросили заново до того, как пришёл этот ответ; ничего не изменено.</translation>
    </message>
    <message>
        <source>The vault folder {path} cannot be made ({reason}). Choose another folder, one you may write to.</source>
        <translation>Не удалось создать папку хранилища {path} ({reason}). Выберите другую папку, в которую у вас есть право записи.</translation>
    </message>
    <message>
        <source>No vault at {path}. Choose another folder, or create a vault there.</source>
        <translation>В {path} нет хранилища. Выберите другую папку или создайте в этой хранилище.</translation>
    </message>
    <message>
        <source>This computer does not remember the vault. Type your passphrase to unlock it.</source>
        <translation>Этот компьютер не запомнил хранилище. Введите парольную фразу, чтобы открыть его.</translation>
    </message>
    <message>
        <source>The record was not found: it may have been erased. Search for it in its list.</source>
        <translation>Запись не найдена: возможно, она стёрта. Найдите её поиском в списке.</translation>
    </message>
    <message>
        <source>A vault already exists at {path}. Choose another folder, or open that vault.</source>
        <translation>В {path} уже есть хранилище. Выберите другую папку или откройте это хранилище.</translation>
    </message>
    <message>
        <source>The vault at {path} is another vault than the one in this backup. Nothing was changed; confirm to replace it anyway.</source>
        <translation>Хранилище в {path} — другое, не то, что в этой резервной копии. Ничего не изменено; чтобы всё же заменить его, подтвердите замену.</translation>
    </message>
    <message>
        <source>The bundle&apos;s sender is trusted but not verified: refused. Compare the safety number with them (Sharing → Trusted officials → Verify…), then import it again.</source>
        <translation>Отправитель пакета есть среди доверенных, но не проверен: пакет отклонён. Сверьте с ним номер безопасности (Обмен → Доверенные сотрудники → Проверить…) и импортируйте пакет снова.</translation>
    </message>
    <message>
        <source>That import is no longer in the import history. Refresh the history and choose it again.</source>
        <translation>Этого импорта больше нет в истории импорта. Обновите историю и выберите его снова.</translation>
    </message>
    <message>
        <source>That official&apos;s card is not verified: compare the safety number with them first (Sharing → Trusted officials → Verify…).</source>
        <translation>Карточка этого сотрудника не проверена: сначала сверьте с ним номер безопасности (Обмен → Доверенные сотрудники → Проверить…).</translation>
    </message>
    <message>
        <source>That official is not in the trust store. Add their card first (Sharing → Trusted officials → Add from card…).</source>
        <translation>Этого сотрудника нет среди доверенных. Сначала добавьте его карточку (Обмен → Доверенные сотрудники → Добавить по карточке…).</translation>
    </message>
    <message>
        <source>The file is UTF-8 text but for one byte that is not, on line {line}: perhaps a character pasted from another program. Nothing was imported, so that no name is garbled. Correct that line in a text editor, or save the file again as UTF-8 CSV, and import it again; if the whole file is in another encoding, choose it in the Text encoding list.</source>
        <translation>Файл в кодировке UTF-8, кроме одного байта в строке {line}: возможно, это символ, вставленный из другой программы. Ничего не импортировано, чтобы не исказить ни одного имени. Исправьте эту строку в текстовом редакторе или снова сохраните файл как CSV в UTF-8 и импортируйте его ещё раз; если весь файл в другой кодировке, выберите её в списке «Кодировка текста».</translation>
    </message>
    <message>
        <source>The file is UTF-8 text but for {bad} bytes that are not, the first on line {line}: perhaps characters pasted from another program. Nothing was imported, so that no name is garbled. Correct those lines in a text editor, or save the file again as UTF-8 CSV, and import it again; if the whole file is in another encoding, choose it in the Text encoding list.</source>
        <translation>Файл в кодировке UTF-8, кроме байтов вне её (всего {bad}, первый в строке {line}): возможно, это символы, вставленные из другой программы. Ничего не импортировано, чтобы не исказить ни одного имени. Исправьте эти строки в текстовом редакторе или снова сохраните файл как CSV в UTF-8 и импортируйте его ещё раз; если весь файл в другой кодировке, выберите её в списке «Кодировка текста».</translation>
    </message>
    <message>
        <source>Every sheet of the workbook is hidden: show the sheet to import in Excel, or choose it in the Sheet list.</source>
        <translation>Все листы книги скрыты: покажите нужный лист в Excel или выберите его в списке «Лист».</translation>
    </message>
    <message>
        <source>The workbook opens on a hidden sheet and has several visible ones ({sheets}): choose the one to import in the Sheet list.</source>
        <translation>Книга открывается на скрытом листе, а видимых листов несколько ({sheets}): выберите в списке «Лист» тот, который нужно импортировать.</translation>
    </message>
    <message>
        <source>No vault database at {path}: recovery needs the vault folder on this computer, or a backup of the vault. Choose the backup (From a backup…), or copy the vault folder here.</source>
        <translation>В {path} нет базы данных хранилища: для восстановления нужна папка хранилища на этом компьютере или резервная копия хранилища. Выберите резервную копию («Из резервной копии…») или скопируйте сюда папку хранилища.</translation>
    </message>
    <message>
        <source>No recovery request is pending in this vault folder: make one first (Recover with colleagues…).</source>
        <translation>В этой папке хранилища нет ожидающего запроса на восстановление: сначала создайте его («Восстановить с помощью коллег…»).</translation>
    </message>
    <message>
        <source>A vault exists at {path}; it opens with this passphrase and is whole. Nothing was changed. To replace it anyway, confirm that it should be replaced: it is kept aside, not deleted.</source>
        <translation>В {path} уже есть хранилище; эта парольная фраза его открывает, и оно цело. Ничего не изменено. Чтобы всё же заменить его, подтвердите замену: оно будет сохранено рядом, а не удалено.</translation>
    </message>
    <message>
        <source>A vault exists at {path} and the passphrase given does not open it, so its state cannot be told. Nothing was changed. To replace it anyway, confirm that it should be replaced: it is kept aside, not deleted.</source>
        <translation>В {path} уже есть хранилище, и указанная парольная фраза его не открывает, поэтому его состояние определить нельзя. Ничего не изменено. Чтобы всё же заменить его, подтвердите замену: оно будет сохранено рядом, а не удалено.</translation>
    </message>
    <message>
        <source>Changing the custodians rotates the data key, which needs your passphrase. Nothing was changed.</source>
        <translation>Смена хранителей заменяет ключ данных, а для этого нужна ваша парольная фраза. Ничего не изменено.</translation>
    </message>
    <message>
        <source>A custodian is named by a fingerprint: 40 hexadecimal characters (Sharing → Trusted officials).</source>
        <translation>Хранитель указывается отпечатком ключа: 40 шестнадцатеричных символов (Обмен → Доверенные сотрудники).</translation>
    </message>
    <message>
        <source>No recovery set is current: set one up first (Vault → Recovery shares… → Set up…).</source>
        <translation>Действующего набора долей нет: сначала раздайте доли (Хранилище → Доли для восстановления… → Раздать…).</translation>
    </message>
    <message>
        <source>You hold recovery shares of several colleagues and the request does not say whose vault it is: choose whose vault it is, then answer again.</source>
        <translation>У вас есть доли для восстановления нескольких коллег, а в запросе не сказано, чьё это хранилище: выберите, чьё оно, и ответьте снова.</translation>
    </message>
    <message>
        <source>Compare the request&apos;s safety number with the requester (a call or in person), then type it to confirm: {number}. Nothing was released.</source>
        <translation>Сверьте код безопасности запроса с тем, кто его прислал (по телефону или при встрече), затем введите его для подтверждения: {number}. Доля не выдана.</translation>
    </message>
    <message>
        <source>You answered another recovery request for this vault at {when}: a second one within {hours} hours is refused, in case someone else is asking. Call the colleague; if they confirm both requests, tick Release anyway and answer again. Nothing was released.</source>
        <translation>Вы уже ответили на другой запрос на восстановление этого хранилища ({when}): второй запрос в течение {hours} ч отклоняется — вдруг его прислал кто-то другой. Позвоните коллеге; если он подтвердит оба запроса, отметьте «Всё равно выдать» и ответьте снова. Доля не выдана.</translation>
    </message>
    <message>
        <source>The file is too large to be a succession statement: refused.</source>
        <translation>Файл слишком велик для заявления о передаче дел: отклонён.</translation>
    </message>
    <message>
        <source>The succession statement is not valid JSON: refused.</source>
        <translation>Заявление о передаче дел не является корректным JSON: отклонено.</translation>
    </message>
    <message>
        <source>The file is not a succession statement (unknown layout): refused.</source>
        <translation>Файл не является заявлением о передаче дел (неизвестная структура): отклонён.</translation>
    </message>
    <message>
        <source>The succession statement is not in canonical form; it was edited: refused.</source>
        <translation>Заявление о передаче дел не в канонической форме, его изменяли: отклонено.</translation>
    </message>
    <message>
        <source>The succession statement&apos;s date is not a date: refused.</source>
        <translation>Дата в заявлении о передаче дел не является датой: отклонено.</translation>
    </message>
    <message>
        <source>The succession statement&apos;s date has no time zone: refused.</source>
        <translation>У даты в заявлении о передаче дел нет часового пояса: отклонено.</translation>
    </message>
    <message>
        <source>The succession statement names the same key twice: refused.</source>
        <translation>Заявление о передаче дел дважды называет один и тот же ключ: отклонено.</translation>
    </message>
    <message>
        <source>The succession statement file cannot be read.</source>
        <translation>Не удалось прочитать файл заявления о передаче дел.</translation>
    </message>
    <message>
        <source>This vault already handed its post over to {successor}; a second successor cannot be named.</source>
        <translation>Это хранилище уже передало дела {successor}; второго преемника назвать нельзя.</translation>
    </message>
    <message>
        <source>Verify your successor in person before handing over: compare the safety number face to face and mark them verified in person.</source>
        <translation>Прежде чем передать дела, проверьте преемника лично: сверьте код безопасности при встрече и отметьте его как проверенного лично.</translation>
    </message>
    <message>
        <source>This vault handed its post over on {date}: its key is retired and colleagues refuse what it signs. It writes bundles for the successor only ({successor}).</source>
        <translation>Это хранилище передало дела {date}: его ключ выведен из употребления, и коллеги отклоняют то, что им подписано. Оно пишет пакеты только для преемника ({successor}).</translation>
    </message>
    <message>
        <source>{name} is trusted here only through their predecessor&apos;s handover statement. Protected people, protected records and notes that name them go only to colleagues you verified yourself: compare the safety number with {name} in person first. Nothing was written.</source>
        <translation>{name} — доверенный здесь только по заявлению о передаче дел от предшественника. Люди под угрозой, защищённые записи и заметки, где они названы, уходят только коллегам, которых вы проверили сами: сначала сверьте код безопасности с {name} при личной встрече. Ничего не записано.</translation>
    </message>
    <message>
        <source>The successor&apos;s key was revoked in this vault: refused.</source>
        <translation>Ключ преемника отозван в этом хранилище: отклонено.</translation>
    </message>
    <message>
        <source>The successor&apos;s card gives the name &quot;{name}&quot;, already in your trust store under another key (or this vault&apos;s own): refused. If the successor really has that name, add their card and verify it with them, then accept again.</source>
        <translation>В карточке преемника указано имя «{name}», которое уже есть среди доверенных под другим ключом (или принадлежит этому хранилищу): отклонено. Если у преемника действительно такое имя, добавьте его карточку, проверьте её вместе с ним и примите снова.</translation>
    </message>
    <message>
        <source>The statement is this vault&apos;s own; there is nothing to accept.</source>
        <translation>Это заявление этого же хранилища; принимать нечего.</translation>
    </message>
    <message>
        <source>The official handing over is not in your trust store: refused. Only a colleague you verified can name a successor.</source>
        <translation>Сотрудника, передающего дела, нет в вашем списке доверия: отклонено. Назвать преемника может только проверенный вами коллега.</translation>
    </message>
    <message>
        <source>The official handing over was revoked or has already retired in this vault: refused.</source>
        <translation>Сотрудник, передающий дела, отозван или уже выведен из употребления в этом хранилище: отклонено.</translation>
    </message>
    <message>
        <source>The official handing over is not verified in this vault: verify them first (their safety number), then accept again.</source>
        <translation>Сотрудник, передающий дела, не проверен в этом хранилище: сначала проверьте его (код безопасности), затем примите снова.</translation>
    </message>
    <message>
        <source>The statement&apos;s keys differ from the trusted ones: refused.</source>
        <translation>Ключи в заявлении отличаются от доверенных: отклонено.</translation>
    </message>
    <message>
        <source>The succession statement&apos;s signature does not verify with the key you trust: it is forged or altered. Refused.</source>
        <translation>Подпись заявления о передаче дел не проходит проверку ключом, которому вы доверяете: оно подделано или изменено. Отклонено.</translation>
    </message>
    <message>
        <source>{path} is a folder: give a file name, e.g. vault{ext}.</source>
        <translation>{path} — это папка: укажите имя файла, например vault{ext}.</translation>
    </message>
    <message>
        <source>{path} exists already; choose another name (nothing was written).</source>
        <translation>{path} уже существует; выберите другое имя (ничего не записано).</translation>
    </message>
    <message>
        <source>A backup must not be written inside the vault folder: a panic wipe would leave it behind. Choose another folder.</source>
        <translation>Резервную копию нельзя записывать в папку хранилища: при экстренном стирании она бы уцелела. Выберите другую папку.</translation>
    </message>
    <message>
        <source>The folder {path} does not exist.</source>
        <translation>Папки {path} не существует.</translation>
    </message>
    <message>
        <source>The disk is full: the backup was not written. Free some space and try again.</source>
        <translation>Диск заполнен: резервная копия не записана. Освободите место и попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The backup cannot be written in {path} ({reason}). Choose a folder you may write to; nothing was written.</source>
        <translation>Не удалось записать резервную копию в {path} ({reason}). Выберите папку, в которую у вас есть право записи; ничего не записано.</translation>
    </message>
    <message>
        <source>The backup file {path} cannot be read.</source>
        <translation>Не удалось прочитать файл резервной копии {path}.</translation>
    </message>
    <message>
        <source>The file is not a Registry backup (not a ZIP archive).</source>
        <translation>Этот файл — не резервная копия Registry (не ZIP-архив).</translation>
    </message>
    <message>
        <source>The backup file is damaged or is not a Registry backup; nothing was changed.</source>
        <translation>Файл резервной копии повреждён или не является резервной копией Registry; ничего не изменено.</translation>
    </message>
    <message>
        <source>The disk is full: the backup was not restored. Free some space and try again.</source>
        <translation>Диск заполнен: резервная копия не восстановлена. Освободите место и попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The backup file could not be read to the end, or the restored copy could not be written; nothing was changed.</source>
        <translation>Файл резервной копии не удалось дочитать до конца, или восстановленную копию не удалось записать; ничего не изменено.</translation>
    </message>
    <message>
        <source>A backup must hold exactly manifest.json, manifest.json.minisig, vault.key and registry.db; this file does not. Nothing was changed.</source>
        <translation>В резервной копии должны быть ровно manifest.json, manifest.json.minisig, vault.key и registry.db; в этом файле это не так. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The backup member {name} is not a plain stored file; nothing was changed.</source>
        <translation>Элемент резервной копии {name} — не обычный несжатый файл; ничего не изменено.</translation>
    </message>
    <message>
        <source>The backup member {name} is larger than allowed; nothing was changed.</source>
        <translation>Элемент резервной копии {name} больше допустимого; ничего не изменено.</translation>
    </message>
    <message>
        <source>The backup&apos;s signature is for another vault: it was altered. Nothing was changed.</source>
        <translation>Подпись резервной копии относится к другому хранилищу: копия была изменена. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The backup member {name} does not have its signed size: the backup is damaged or was altered. Nothing was changed.</source>
        <translation>Размер элемента резервной копии {name} не совпадает с подписанным: копия повреждена или изменена. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The backup member {name} does not match its signed hash: the backup is damaged or was altered. Nothing was changed.</source>
        <translation>Элемент резервной копии {name} не совпадает с подписанным хешем: копия повреждена или изменена. Ничего не изменено.</translation>
    </message>
    <message>
        <source>not the expected JSON</source>
        <translation>не тот JSON, который ожидался</translation>
    </message>
    <message>
        <source>The backup&apos;s manifest is malformed or was altered ({detail}); nothing was changed.</source>
        <translation>Опись резервной копии повреждена или изменена ({detail}); ничего не изменено.</translation>
    </message>
    <message>
        <source>The backup&apos;s key file belongs to another vault than its manifest says; it was altered. Nothing was changed.</source>
        <translation>Файл ключа в резервной копии относится к другому хранилищу, чем указано в её описи: копия была изменена. Ничего не изменено.</translation>
    </message>
    <message>
        <source>This backup was made by a newer version of Registry: update the app, then restore it.</source>
        <translation>Эта резервная копия сделана более новой версией Registry: обновите приложение, затем восстановите её.</translation>
    </message>
    <message>
        <source>The passphrase does not open this backup. It needs the passphrase that was in use when the backup was made. Nothing was changed.</source>
        <translation>Эта парольная фраза не открывает резервную копию. Нужна фраза, которая действовала, когда копия была сделана. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The database in the backup is damaged; nothing was changed. Try an older backup.</source>
        <translation>База данных в резервной копии повреждена; ничего не изменено. Попробуйте более старую копию.</translation>
    </message>
    <message>
        <source>The database in the backup fails its integrity check; nothing was changed. Try an older backup.</source>
        <translation>База данных в резервной копии не проходит проверку целостности; ничего не изменено. Попробуйте более старую копию.</translation>
    </message>
    <message>
        <source>The backup was not signed by the official whose vault it holds; it was altered. Nothing was changed.</source>
        <translation>Резервная копия подписана не тем сотрудником, чьё хранилище в ней: копия была изменена. Ничего не изменено.</translation>
    </message>
    <message>
        <source>A vault exists at {path}; it opens with this passphrase and is whole. Nothing was changed; to replace it anyway use --force (it is kept aside, not deleted).</source>
        <translation>В {path} уже есть хранилище; эта парольная фраза его открывает, и оно цело. Ничего не изменено; чтобы всё же заменить его, укажите --force (оно будет сохранено рядом, а не удалено).</translation>
    </message>
    <message>
        <source>A vault exists at {path} and the passphrase given does not open it, so its state cannot be told. Nothing was changed; to replace it anyway use --force (it is kept aside, not deleted).</source>
        <translation>В {path} уже есть хранилище, и указанная парольная фраза его не открывает, поэтому его состояние определить нельзя. Ничего не изменено; чтобы всё же заменить его, укажите --force (оно будет сохранено рядом, а не удалено).</translation>
    </message>
    <message>
        <source>The vault at {path} is another vault than the one in this backup. Nothing was changed; use --force to replace it anyway.</source>
        <translation>Хранилище в {path} — другое, не то, что в этой резервной копии. Ничего не изменено; чтобы всё же заменить его, используйте --force.</translation>
    </message>
    <message>
        <source>The shares do not open this backup: it was made under an earlier data key than the one they recover (before the key was rotated, e.g. by a change of custodians or an earlier recovery). Nothing was written. Recover from a backup made after the recovery shares were last issued, or from the vault folder.</source>
        <translation>Доли не открывают эту резервную копию: она сделана под более ранним ключом данных, чем тот, который восстанавливают доли (до замены ключа — например, при смене хранителей или прошлом восстановлении). Ничего не записано. Восстановите хранилище из резервной копии, сделанной после последней раздачи долей, или из папки хранилища.</translation>
    </message>
    <message>
        <source>The country must be a two-letter ISO 3166 code such as SE.</source>
        <translation>Страна указывается двухбуквенным кодом ISO 3166, например SE.</translation>
    </message>
    <message>
        <source>The card is too large; shorten the name or organisation.</source>
        <translation>Карточка слишком велика: сократите имя или название организации.</translation>
    </message>
    <message>
        <source>The card is too large or not a card file.</source>
        <translation>Карточка слишком велика или это не файл карточки.</translation>
    </message>
    <message>
        <source>The card is not valid JSON.</source>
        <translation>Карточка повреждена: это не корректный JSON.</translation>
    </message>
    <message>
        <source>The card has an unknown layout.</source>
        <translation>У карточки неизвестный формат.</translation>
    </message>
    <message>
        <source>The card is not in canonical form; it was edited.</source>
        <translation>Карточка не в канонической форме: её изменяли.</translation>
    </message>
    <message>
        <source>The card&apos;s fingerprint does not match its keys.</source>
        <translation>Отпечаток карточки не соответствует её ключам.</translation>
    </message>
    <message>
        <source>The card&apos;s signature does not verify: it was altered.</source>
        <translation>Подпись карточки не проходит проверку: карточку изменили.</translation>
    </message>
    <message>
        <source>The card file cannot be read.</source>
        <translation>Не удалось прочитать файл карточки.</translation>
    </message>
    <message>
        <source>The bundle file cannot be read.</source>
        <translation>Не удалось прочитать файл пакета.</translation>
    </message>
    <message>
        <source>The bundle file is larger than allowed; refused.</source>
        <translation>Файл пакета больше допустимого; пакет отклонён.</translation>
    </message>
    <message>
        <source>The file is not a bundle (not a ZIP archive).</source>
        <translation>Этот файл — не пакет (не ZIP-архив).</translation>
    </message>
    <message>
        <source>The bundle must contain exactly manifest.json, manifest.json.minisig and payload.age.</source>
        <translation>Пакет должен содержать ровно три файла: manifest.json, manifest.json.minisig и payload.age.</translation>
    </message>
    <message>
        <source>A bundle member is a folder or ZIP-encrypted; refused.</source>
        <translation>В пакете есть папка или зашифрованный средствами ZIP файл; пакет отклонён.</translation>
    </message>
    <message>
        <source>A bundle member uses an unsupported compression; refused.</source>
        <translation>Файл в пакете сжат неподдерживаемым способом; пакет отклонён.</translation>
    </message>
    <message>
        <source>The bundle file is damaged or is not a bundle.</source>
        <translation>Файл пакета повреждён или это не пакет.</translation>
    </message>
    <message>
        <source>The manifest signature file was altered.</source>
        <translation>Файл подписи манифеста был изменён.</translation>
    </message>
    <message>
        <source>The manifest signature belongs to a different bundle.</source>
        <translation>Подпись манифеста относится к другому пакету.</translation>
    </message>
    <message>
        <source>payload.age does not match the signed manifest: it was altered.</source>
        <translation>payload.age не соответствует подписанному манифесту: его изменили.</translation>
    </message>
    <message>
        <source>This bundle is not addressed to this vault.</source>
        <translation>Этот пакет адресован не этому хранилищу.</translation>
    </message>
    <message>
        <source>Name at least one recipient: a verified official, or an age recipient.</source>
        <translation>Укажите хотя бы одного получателя: проверенного сотрудника или получателя age.</translation>
    </message>
    <message>
        <source>That age key belongs to an official who was revoked: nothing is sent to it. Ask them for their new card if they have one.</source>
        <translation>Этот ключ age принадлежит отозванному сотруднику: ему ничего не отправляется. Попросите у него новую карточку, если она есть.</translation>
    </message>
    <message>
        <source>That official was revoked: nothing is sent to them.</source>
        <translation>Этот сотрудник отозван: ему ничего не отправляется.</translation>
    </message>
    <message>
        <source>That official&apos;s card is not verified: compare the safety number (&apos;registry trust verify FINGERPRINT --method safety_number&apos;) first.</source>
        <translation>Карточка этого сотрудника не проверена: сначала сверьте с ним номер безопасности (Обмен → Доверенные сотрудники → Проверить…).</translation>
    </message>
    <message>
        <source>The bundle&apos;s sender is trusted but not verified: refused. Compare the safety number with them (&apos;registry trust verify&apos;), or accept this bundle knowingly with --allow-unverified.</source>
        <translation>Отправитель пакета есть среди доверенных, но не проверен: пакет отклонён. Сверьте с ним номер безопасности (Обмен → Доверенные сотрудники → Проверить…) и импортируйте пакет снова.</translation>
    </message>
    <message>
        <source>The payload belongs to another bundle or sender than its signed manifest: refused.</source>
        <translation>Содержимое пакета относится к другому пакету или отправителю, чем его подписанный манифест: пакет отклонён.</translation>
    </message>
    <message>
        <source>The bundle claims changes made by this vault that this vault never made: refused, nothing was changed. Its signer may have lost control of their keys: check with them before trusting their bundles again.</source>
        <translation>Пакет приписывает этому хранилищу изменения, которых оно не делало: пакет отклонён, ничего не изменено. Возможно, подписавший утратил контроль над своими ключами: свяжитесь с ним, прежде чем снова доверять его пакетам.</translation>
    </message>
    <message>
        <source>This bundle carries the id of a bundle already imported from its sender, with other contents: refused, nothing was changed. An honest sender never reuses an id: their keys may be misused. Check with them before trusting their bundles again.</source>
        <translation>Этот пакет несёт идентификатор пакета, уже импортированного от того же отправителя, но с другим содержимым: он отклонён, ничего не изменено. Честный отправитель никогда не использует идентификатор повторно: его ключами могут злоупотреблять. Свяжитесь с ним, прежде чем снова доверять его пакетам.</translation>
    </message>
    <message>
        <source>No import with that id (see &apos;registry bundle history&apos;).</source>
        <translation>Этого импорта больше нет в истории импорта. Обновите историю и выберите его снова.</translation>
    </message>
    <message>
        <source>That import was already reverted.</source>
        <translation>Этот импорт уже отменён.</translation>
    </message>
    <message>
        <source>No official with that fingerprint in the trust store. Add their card with &apos;registry trust add CARD&apos;.</source>
        <translation>Этого сотрудника нет среди доверенных. Сначала добавьте его карточку (Обмен → Доверенные сотрудники → Добавить по карточке…).</translation>
    </message>
    <message>
        <source>The bundle&apos;s sender is not in the trust store: refused. Add and verify their card first.</source>
        <translation>Отправителя пакета нет среди доверенных: пакет отклонён. Сначала добавьте и проверьте его карточку.</translation>
    </message>
    <message>
        <source>The bundle&apos;s sender was revoked: refused.</source>
        <translation>Отправитель пакета отозван: пакет отклонён.</translation>
    </message>
    <message>
        <source>The bundle&apos;s sender keys differ from the trusted ones: refused.</source>
        <translation>Ключи отправителя пакета не совпадают с доверенными: пакет отклонён.</translation>
    </message>
    <message>
        <source>That is this vault&apos;s own card.</source>
        <translation>Это карточка самого этого хранилища.</translation>
    </message>
    <message>
        <source>That official&apos;s key was revoked; it cannot be trusted again.</source>
        <translation>Ключ этого сотрудника отозван; ему нельзя снова доверять.</translation>
    </message>
    <message>
        <source>A revoked official cannot be verified.</source>
        <translation>Отозванного сотрудника нельзя проверить.</translation>
    </message>
    <message>
        <source>A fingerprint is 40 hexadecimal characters.</source>
        <translation>Отпечаток — это 40 шестнадцатеричных символов.</translation>
    </message>
    <message>
        <source>No vault database at {path}: recovery needs the vault folder (registry.db) on this machine, or a backup of the vault. Copy the folder here or choose it with --vault, or recover from the backup with --backup FILE.</source>
        <translation>В {path} нет базы данных хранилища: для восстановления нужна папка хранилища (registry.db) на этом компьютере или резервная копия хранилища. Скопируйте папку сюда или укажите её через --vault, либо восстановите из резервной копии через --backup FILE.</translation>
    </message>
    <message>
        <source>The vault folder {path} holds another vault than the backup. Nothing was written: choose another folder for the recovered vault.</source>
        <translation>В папке {path} другое хранилище, не то, что в резервной копии. Ничего не записано: выберите для восстановленного хранилища другую папку.</translation>
    </message>
    <message>
        <source>No recovery request is pending in this vault folder: make one with &apos;registry recovery request&apos;.</source>
        <translation>В этой папке хранилища нет ожидающего запроса на восстановление: создайте его командой &apos;registry recovery request&apos;.</translation>
    </message>
    <message>
        <source>recovery request secret</source>
        <translation>секрет запроса на восстановление</translation>
    </message>
    <message>
        <source>That is not the new passphrase given when the recovery request was made (or the request&apos;s secret was altered). Nothing was changed.</source>
        <translation>Это не та новая парольная фраза, которая была указана при создании запроса на восстановление (или секрет запроса был изменён). Ничего не изменено.</translation>
    </message>
    <message>
        <source>{name} in the vault folder is damaged: make a new recovery request.</source>
        <translation>{name} в папке хранилища повреждён: создайте новый запрос на восстановление.</translation>
    </message>
    <message>
        <source>At most {count} responses and {count} paper shares.</source>
        <translation>Не больше {count} ответов и не больше {count} бумажных долей.</translation>
    </message>
    <message>
        <source>recovery response</source>
        <translation>ответ на запрос восстановления</translation>
    </message>
    <message>
        <source>{name} answers another recovery request (an earlier one?); nothing was changed.</source>
        <translation>{name} — ответ на другой запрос на восстановление (на прежний?); ничего не изменено.</translation>
    </message>
    <message>
        <source>{name} is a share of another vault; nothing was changed.</source>
        <translation>{name} содержит долю другого хранилища; ничего не изменено.</translation>
    </message>
    <message>
        <source>{name}: the share inside was not issued to the custodian who signed the response; refused. Nothing was changed.</source>
        <translation>{name}: доля внутри выдана не тому хранителю, который подписал ответ; отклонено. Ничего не изменено.</translation>
    </message>
    <message>
        <source>paper share file</source>
        <translation>файл бумажных долей</translation>
    </message>
    <message>
        <source>The responses hold shares of different recovery sets (or vaults): a share of an earlier set, revoked when the data key was rotated or the custodians changed, opens nothing current. Nothing was changed.</source>
        <translation>В ответах доли разных наборов (или разных хранилищ): доля прежнего набора, отозванного при замене ключа данных или смене хранителей, не открывает ничего из текущих данных. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The shares combine into a key other than the one their owner signed for; refused. Nothing was changed.</source>
        <translation>Доли складываются в ключ, отличный от того, который подписал их владелец; отклонено. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The shares combine into a key that does not open this vault: they are of an earlier data key (revoked when it was rotated) or of another vault. Nothing was changed.</source>
        <translation>Доли складываются в ключ, который не открывает это хранилище: они от прежнего ключа данных (отозванного при его замене) или от другого хранилища. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The shares were not issued by this vault; refused. Nothing was changed.</source>
        <translation>Эти доли выданы не этим хранилищем; отклонено. Ничего не изменено.</translation>
    </message>
    <message>
        <source>These shares are of a recovery set this vault has revoked; nothing was changed.</source>
        <translation>Эти доли из набора, который это хранилище отозвало; ничего не изменено.</translation>
    </message>
    <message>
        <source>A share was not given by the custodian (or paper) the set issued it to; refused. Nothing was changed.</source>
        <translation>Долю передал не тот хранитель (или не та бумажная доля), которому её выдал набор; отклонено. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The number of paper shares cannot be negative.</source>
        <translation>Число бумажных долей не может быть отрицательным.</translation>
    </message>
    <message>
        <source>Changing the custodians rotates the data key, which needs the passphrase (REGISTRY_PASSPHRASE or the terminal).</source>
        <translation>Смена хранителей заменяет ключ данных, а для этого нужна парольная фраза (REGISTRY_PASSPHRASE или ввод в терминале).</translation>
    </message>
    <message>
        <source>Another Registry window or command set up a recovery set meanwhile: nothing was changed. Look at it, then set up again if you still want to.</source>
        <translation>Другое окно или команда Registry тем временем создали набор восстановления: ничего не изменено. Посмотрите на него и, если нужно, создайте набор ещё раз.</translation>
    </message>
    <message>
        <source>The data key was rotated and your previous recovery set revoked, but the new set could not be issued: {why} Set up recovery again now: until then this vault has no recovery set.</source>
        <translation>Ключ данных заменён, и прежний набор долей для восстановления отозван, но новый набор выдать не удалось: {why} Настройте восстановление заново сейчас: до тех пор у этого хранилища нет набора для восстановления.</translation>
    </message>
    <message>
        <source>This vault cannot hold a recovery share of itself: choose colleagues or paper.</source>
        <translation>Хранилище не может хранить долю для восстановления самого себя: выберите коллег или бумажные доли.</translation>
    </message>
    <message>
        <source>A custodian is named by a fingerprint: 40 hexadecimal characters (&apos;registry trust list&apos;).</source>
        <translation>Хранитель указывается отпечатком ключа: 40 шестнадцатеричных символов (&apos;registry trust list&apos;).</translation>
    </message>
    <message>
        <source>{name} is not a verified official ({trust}): only a colleague whose card was verified can hold a recovery share.</source>
        <translation>{name} — непроверенный сотрудник ({trust}): хранить долю для восстановления может только коллега, чья карточка проверена.</translation>
    </message>
    <message>
        <source>That official holds no share of this vault&apos;s recovery set.</source>
        <translation>У этого сотрудника нет доли из набора этого хранилища.</translation>
    </message>
    <message>
        <source>Replacing the recovery shares replaces the vault&apos;s data key, which needs your passphrase. Nothing was changed.</source>
        <translation>Замена долей для восстановления заменяет ключ данных хранилища, а для этого нужна ваша парольная фраза. Ничего не изменено.</translation>
    </message>
    <message>
        <source>You are the successor named: this vault cannot hold a share of its own recovery set. Accept without moving the share.</source>
        <translation>Преемник — это вы: хранилище не может хранить долю собственного набора. Примите заявление, не перенося долю.</translation>
    </message>
    <message>
        <source>The successor is not verified here, so they cannot hold a recovery share. Nothing was changed.</source>
        <translation>Преемник здесь не проверен, поэтому хранить долю для восстановления он не может. Ничего не изменено.</translation>
    </message>
    <message>
        <source>No recovery set is current: set one up with &apos;registry recovery setup&apos;.</source>
        <translation>Действующего набора долей нет: раздайте доли командой &apos;registry recovery setup&apos;.</translation>
    </message>
    <message>
        <source>This is a share of this vault&apos;s own key: give it to the colleague it is addressed to.</source>
        <translation>Это доля ключа этого же хранилища: передайте её коллеге, которому она адресована.</translation>
    </message>
    <message>
        <source>The share file comes from {name}, who is not verified here: verify their card first (safety number). Nothing was changed.</source>
        <translation>Файл доли прислал сотрудник {name}, который здесь не проверен: сначала проверьте его карточку (код безопасности). Ничего не изменено.</translation>
    </message>
    <message>
        <source>The share file is addressed to another official; nothing was changed.</source>
        <translation>Файл доли адресован другому сотруднику; ничего не изменено.</translation>
    </message>
    <message>
        <source>A bundle carries a recovery share of another official&apos;s vault than its sender&apos;s: refused. Nothing was changed.</source>
        <translation>Пакет содержит долю для восстановления чужого хранилища, а не хранилища отправителя: отклонён. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The share file names a vault whose recovery share you hold from another colleague; refused. Nothing was changed.</source>
        <translation>Файл доли называет хранилище, долю которого вы храните от другого коллеги; отклонено. Ничего не изменено.</translation>
    </message>
    <message>
        <source>You already hold a newer recovery share of this vault; this older one was not kept.</source>
        <translation>У вас уже есть более новая доля этого хранилища; эта, более старая, не сохранена.</translation>
    </message>
    <message>
        <source>The share inside the file does not match what the file says; refused. Nothing was changed.</source>
        <translation>Доля внутри файла не совпадает с тем, что сказано в файле; отклонено. Ничего не изменено.</translation>
    </message>
    <message>
        <source>You hold recovery shares of several colleagues and the request does not say whose vault it is: name the owner with --owner FINGERPRINT.</source>
        <translation>У вас есть доли для восстановления нескольких коллег, а в запросе не сказано, чьё это хранилище: укажите владельца через --owner FINGERPRINT.</translation>
    </message>
    <message>
        <source>You hold no recovery share of the vault this request is for.</source>
        <translation>У вас нет доли для восстановления того хранилища, для которого этот запрос.</translation>
    </message>
    <message>
        <source>Compare the request&apos;s safety number with the requester (a call or in person), then confirm it with --confirm-safety-number: {number}. Nothing was released.</source>
        <translation>Сверьте код безопасности запроса с тем, кто его прислал (по телефону или при встрече), затем подтвердите его через --confirm-safety-number: {number}. Доля не выдана.</translation>
    </message>
    <message>
        <source>The safety number you confirmed is not this request&apos;s: the request may not come from the colleague you spoke to. Nothing was released.</source>
        <translation>Подтверждённый вами код безопасности не совпадает с кодом этого запроса: возможно, запрос прислал не тот коллега, с которым вы говорили. Доля не выдана.</translation>
    </message>
    <message>
        <source>{name}&apos;s key was revoked here (a lost or seized laptop?): a recovery request for their vault is refused, since whoever holds that laptop holds the vault folder. Nothing was released.</source>
        <translation>Ключ сотрудника {name} здесь отозван (ноутбук потерян или изъят?): запрос на восстановление его хранилища отклоняется, ведь у того, кто завладел ноутбуком, есть и папка хранилища. Доля не выдана.</translation>
    </message>
    <message>
        <source>You answered another recovery request for this vault at {when}: a second one within {hours} hours is refused, in case someone else is asking. Call the colleague; if they confirm, run again with --override-cooling-off. Nothing was released.</source>
        <translation>Вы уже ответили на другой запрос на восстановление этого хранилища ({when}): второй запрос в течение {hours} ч отклоняется — вдруг его прислал кто-то другой. Позвоните коллеге; если он подтвердит, запустите команду снова с --override-cooling-off. Доля не выдана.</translation>
    </message>
    <message>
        <source>The file ({what}) is not valid JSON: it was damaged or is of another kind. Nothing was changed.</source>
        <translation>Файл ({what}) — не корректный JSON: он повреждён или это файл другого вида. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The file {path} ({what}) cannot be read.</source>
        <translation>Не удалось прочитать файл {path} ({what}).</translation>
    </message>
    <message>
        <source>The file {path} ({what}) is larger than {limit} bytes; refused. Nothing was changed.</source>
        <translation>Файл {path} ({what}) больше {limit} байт; отклонено. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The file names its signer in an unknown layout; refused.</source>
        <translation>Подписавший файл указан в неизвестном формате; отклонено.</translation>
    </message>
    <message>
        <source>The file&apos;s signer keys are not valid; refused.</source>
        <translation>Ключи подписавшего файл недействительны; отклонено.</translation>
    </message>
    <message>
        <source>The file&apos;s signer fingerprint does not match its keys; refused.</source>
        <translation>Отпечаток подписавшего файл не совпадает с его ключами; отклонено.</translation>
    </message>
    <message>
        <source>A recovery payload is at most 16 KiB.</source>
        <translation>Содержимое файла восстановления — не больше 16 КиБ.</translation>
    </message>
    <message>
        <source>The file ({what}) is not in its canonical layout: it was edited or is of another kind. Nothing was changed.</source>
        <translation>Файл ({what}) не в каноническом виде: его редактировали, или это файл другого вида. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The file is not of the expected kind ({what}, {format}); refused.</source>
        <translation>Файл не того вида, который ожидался ({what}, {format}); отклонено.</translation>
    </message>
    <message>
        <source>The file ({what}) carries no signature; refused.</source>
        <translation>У файла ({what}) нет подписи; отклонено.</translation>
    </message>
    <message>
        <source>The file&apos;s signature ({what}) is for another file; refused.</source>
        <translation>Подпись файла ({what}) относится к другому файлу; отклонено.</translation>
    </message>
    <message>
        <source>The file&apos;s payload ({what}) is missing or malformed; refused.</source>
        <translation>Содержимое файла ({what}) отсутствует или повреждено; отклонено.</translation>
    </message>
    <message>
        <source>The file&apos;s payload ({what}) is not valid base64; refused.</source>
        <translation>Содержимое файла ({what}) — не корректный base64; отклонено.</translation>
    </message>
    <message>
        <source>The file&apos;s payload ({what}) is not canonical base64; refused.</source>
        <translation>Содержимое файла ({what}) — не канонический base64; отклонено.</translation>
    </message>
    <message>
        <source>The file&apos;s payload ({what}) does not match its signed hash: it was altered. Nothing was changed.</source>
        <translation>Содержимое файла ({what}) не совпадает с подписанным хешем: файл был изменён. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The file ({what}) is malformed ({field}); refused. Nothing was changed.</source>
        <translation>Файл ({what}) повреждён ({field}); отклонено. Ничего не изменено.</translation>
    </message>
    <message>
        <source>recovery share</source>
        <translation>доля для восстановления</translation>
    </message>
    <message>
        <source>The recovery share is not signed by the vault it names; refused.</source>
        <translation>Доля для восстановления подписана не тем хранилищем, которое в ней названо; отклонено.</translation>
    </message>
    <message>
        <source>recovery share file</source>
        <translation>файл доли для восстановления</translation>
    </message>
    <message>
        <source>recovery request</source>
        <translation>запрос на восстановление</translation>
    </message>
    <message>
        <source>The recovery request is too large: it is not a request.</source>
        <translation>Запрос на восстановление слишком велик: это не запрос.</translation>
    </message>
    <message>
        <source>A recovery set needs a threshold of at least {minimum}, no more shares than {maximum}, and no higher threshold than shares (asked: {threshold} of {shares}).</source>
        <translation>Для набора долей порог должен быть не меньше {minimum}, долей — не больше {maximum}, а порог — не больше числа долей (задано: {threshold} из {shares}).</translation>
    </message>
    <message>
        <source>A vault data key is 32 bytes.</source>
        <translation>Ключ данных хранилища — 32 байта.</translation>
    </message>
    <message>
        <source>Paper share {share} has {count} words; a recovery share has {words}. Check it against the paper; nothing was changed.</source>
        <translation>Бумажная доля {share}: слов — {count}, а в доле для восстановления их {words}. Сверьте её с бумагой; ничего не изменено.</translation>
    </message>
    <message>
        <source>A colleague&apos;s share has {count} words; a recovery share has {words}.</source>
        <translation>Доля коллеги: слов — {count}, а в доле для восстановления их {words}.</translation>
    </message>
    <message>
        <source>Paper share {share}: word {position} is not a SLIP-39 word. Check it against the paper; nothing was changed.</source>
        <translation>Бумажная доля {share}: слово № {position} не из списка слов SLIP-39. Сверьте его с бумагой; ничего не изменено.</translation>
    </message>
    <message>
        <source>A colleague&apos;s share: word {position} is not a SLIP-39 word.</source>
        <translation>Доля коллеги: слово № {position} не из списка слов SLIP-39.</translation>
    </message>
    <message>
        <source>Paper share {share}: a word is wrong (the SLIP-39 checksum fails). Check each word against the paper; the share was not used and nothing was changed.</source>
        <translation>Бумажная доля {share}: одно из слов неверно (контрольная сумма SLIP-39 не сходится). Сверьте каждое слово с бумагой; доля не использована, ничего не изменено.</translation>
    </message>
    <message>
        <source>A colleague&apos;s share: a word is wrong (the SLIP-39 checksum fails).</source>
        <translation>Доля коллеги: одно из слов неверно (контрольная сумма SLIP-39 не сходится).</translation>
    </message>
    <message>
        <source>Paper share {share} is not text; nothing was changed.</source>
        <translation>Бумажная доля {share} — не текст; ничего не изменено.</translation>
    </message>
    <message>
        <source>A colleague&apos;s share is not text.</source>
        <translation>Доля коллеги — не текст.</translation>
    </message>
    <message>
        <source>No recovery share was given.</source>
        <translation>Не дано ни одной доли для восстановления.</translation>
    </message>
    <message>
        <source>The shares are of different recovery sets (a share of an earlier set, revoked when the data key was rotated or the custodians changed, opens nothing current). Nothing was changed.</source>
        <translation>Доли из разных наборов (доля прежнего набора, отозванного при замене ключа данных или смене хранителей, не открывает ничего из текущих данных). Ничего не изменено.</translation>
    </message>
    <message>
        <source>{count} distinct share(s) of a set that needs {threshold}: ask more custodians. Nothing was changed.</source>
        <translation>Разных долей: {count}, а набору их нужно {threshold}: попросите ещё хранителей. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The shares do not combine into a key (a share was altered or belongs to another set). Nothing was changed.</source>
        <translation>Доли не складываются в ключ (одна из них изменена или из другого набора). Ничего не изменено.</translation>
    </message>
    <message>
        <source>Undoing what they sent would lower the protection of records they had raised (see the preview). Lowering is kept in this vault only. Confirm to go on.</source>
        <translation>Отмена присланного ими снизит защиту записей, которую они повысили (см. предварительный просмотр). Снижение остаётся только в этом хранилище. Подтвердите, чтобы продолжить.</translation>
    </message>
    <message>
        <source>Since the preview, undoing what they sent would lower the protection of more records than it showed. Nothing was changed: start again to see what it does now.</source>
        <translation>После предварительного просмотра отмена присланного ими снизила бы защиту большего числа записей, чем было показано. Ничего не изменено: начните заново, чтобы увидеть, что будет сделано теперь.</translation>
    </message>
    <message>
        <source>{name} holds a share of this vault&apos;s recovery set. Taking them out of it replaces the vault&apos;s data key and gives the other custodians new shares, which needs your passphrase. Nothing was changed.</source>
        <translation>У сотрудника {name} есть доля из набора этого хранилища. Исключение его из набора заменяет ключ данных хранилища и даёт остальным хранителям новые доли, а для этого нужна ваша парольная фраза. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The official who sent this erasure, or whose stamp it bears, was revoked here: it cannot be accepted. Decline it instead. If the record should still be erased, check that with someone you trust and erase it here yourself.</source>
        <translation>Сотрудник, который прислал это удаление навсегда или чья отметка на нём стоит, отозван в этом хранилище: принять его нельзя. Отклоните его. Если запись всё же нужно удалить, уточните это у того, кому вы доверяете, и удалите её здесь сами.</translation>
    </message>
    <message>
        <source>That id belongs here to a record of another kind than the erasure names: it cannot be applied. Decline it.</source>
        <translation>Здесь этот идентификатор принадлежит записи другого вида, чем указано в удалении: его нельзя применить. Отклоните его.</translation>
    </message>
    <message>
        <source>The vault&apos;s database is damaged or was not written by this vault (the passphrase is right). Restore it from a backup.</source>
        <translation>База данных хранилища повреждена или записана не этим хранилищем (парольная фраза верна). Восстановите её из резервной копии.</translation>
    </message>
    <message>
        <source>The disk that holds the vault is full, so the vault cannot be opened (opening it writes a little). The vault is not damaged: do not restore it from a backup. Free some space on that disk, then try again.</source>
        <translation>Диск, на котором лежит хранилище, заполнен, поэтому хранилище нельзя открыть (при открытии записывается немного данных). Хранилище не повреждено: не восстанавливайте его из резервной копии. Освободите место на этом диске и попробуйте снова.</translation>
    </message>
    <message>
        <source>The vault folder {path} or its files cannot be written (read-only, or owned by another user), so the vault cannot be opened. It is not damaged: do not restore it from a backup. Open it from a folder you may write to, or fix the permissions, then try again.</source>
        <translation>В папку хранилища {path} или в её файлы нельзя записывать (только для чтения или принадлежат другому пользователю), поэтому хранилище нельзя открыть. Оно не повреждено: не восстанавливайте его из резервной копии. Откройте его из папки, в которую вам разрешено записывать, или исправьте права доступа и попробуйте снова.</translation>
    </message>
    <message>
        <source>The disk that holds the vault reported an error, so the vault cannot be opened now. This is not known to be damage to the vault: do not restore over it. Check the disk (reconnect a removable one), then try again; if it keeps failing, copy the vault folder somewhere safe first.</source>
        <translation>Диск, на котором лежит хранилище, сообщил об ошибке, поэтому хранилище сейчас нельзя открыть. Нет оснований считать хранилище повреждённым: не восстанавливайте поверх него. Проверьте диск (съёмный диск подключите заново) и попробуйте снова; если ошибка повторяется, сначала скопируйте папку хранилища в надёжное место.</translation>
    </message>
    <message>
        <source>Another Registry window or command has the vault open: close it, then try again. Nothing was changed.</source>
        <translation>Хранилище открыто в другом окне или команде Registry: закройте их и попробуйте ещё раз. Ничего не изменено.</translation>
    </message>
    <message>
        <source>The data key was not changed: changing it rewrites the whole database, which is near the largest file size the drive that holds the vault allows (a FAT32 drive: 4 GB) or this session allows. Nothing was changed. Move the vault folder to a drive formatted with exFAT, NTFS, APFS or ext4, then try again.</source>
        <translation>Ключ данных не изменён: при смене ключа вся база данных переписывается, а она близка к наибольшему размеру файла, который допускает диск с хранилищем (диск FAT32 — 4 ГБ) или этот сеанс. Ничего не изменено. Перенесите папку хранилища на диск, отформатированный в exFAT, NTFS, APFS или ext4, и попробуйте снова.</translation>
    </message>
    <message>
        <source>The disk is full: the data key was not changed. Free some space and try again: changing the key rewrites the whole database, which needs free space about its size.</source>
        <translation>Диск заполнен: ключ данных не изменён. Освободите место и повторите: смена ключа переписывает всю базу данных, и для неё нужно свободное место примерно её размера.</translation>
    </message>
    <message>
        <source>Changing the data key failed: a file of the vault reached the largest size its drive allows. Nothing is lost: open the vault again and it settles the change (it says how); then move the vault folder to a drive formatted with exFAT, NTFS, APFS or ext4.</source>
        <translation>Сменить ключ данных не удалось: файл хранилища достиг наибольшего размера, который допускает его диск. Ничего не потеряно: откройте хранилище снова, и оно доведёт смену до конца или отменит её (и скажет, что сделано); затем перенесите папку хранилища на диск, отформатированный в exFAT, NTFS, APFS или ext4.</translation>
    </message>
    <message>
        <source>Changing the data key failed: the disk is full. Nothing is lost: open the vault again and it settles the change (it says how); then free some space and try again.</source>
        <translation>Сменить ключ данных не удалось: диск заполнен. Ничего не потеряно: откройте хранилище снова, и оно доведёт смену до конца или отменит её (и скажет, что сделано); затем освободите место и попробуйте снова.</translation>
    </message>
    <message>
        <source>Changing the data key failed: the disk reported an error. Nothing is lost: open the vault again and it settles the change (it says how); then check the disk and try again.</source>
        <translation>Сменить ключ данных не удалось: диск сообщил об ошибке. Ничего не потеряно: откройте хранилище снова, и оно доведёт смену до конца или отменит её (и скажет, что сделано); затем проверьте диск и попробуйте снова.</translation>
    </message>
    <message>
        <source>The disk is full: the backup was not written. Free some space there, or choose another disk, and try again.</source>
        <translation>Диск заполнен: резервная копия не записана. Освободите там место или выберите другой диск и повторите.</translation>
    </message>
    <message>
        <source>The backup would be larger than the largest file this drive allows (a FAT32 drive: 4 GB) or this session allows: it was not written. Choose another drive, or one formatted with exFAT, NTFS, APFS or ext4.</source>
        <translation>Резервная копия получилась бы больше наибольшего файла, который допускает этот диск (диск FAT32 — 4 ГБ) или этот сеанс: она не записана. Выберите другой диск или диск, отформатированный в exFAT, NTFS, APFS или ext4.</translation>
    </message>
    <message>
        <source>The vault&apos;s database has reached the largest file size its drive allows (a FAT32 drive: 4 GB) or this session allows: nothing was changed. Move the vault folder to a drive formatted with exFAT, NTFS, APFS or ext4, then try again.</source>
        <translation>База данных хранилища достигла наибольшего размера файла, который допускает её диск (диск FAT32 — 4 ГБ) или этот сеанс: ничего не изменено. Перенесите папку хранилища на диск, отформатированный в exFAT, NTFS, APFS или ext4, и попробуйте снова.</translation>
    </message>
    <message>
        <source>The disk is full: nothing was changed. Free some space and try again.</source>
        <translation>Диск заполнен: ничего не изменено. Освободите место и попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The vault is busy: another Registry window or command is writing to it. Try again when it has finished; nothing was changed.</source>
        <translation>Хранилище занято: в него сейчас пишет другое окно или команда Registry. Повторите, когда запись закончится; ничего не изменено.</translation>
    </message>
    <message>
        <source>The bundle carries a succession statement that does not hand its sender&apos;s post to this vault: refused.</source>
        <translation>Пакет содержит заявление о передаче дел, по которому его отправитель не передаёт свою должность этому хранилищу: отклонено.</translation>
    </message>
    <message>
        <source>The disk is full: {name} was not written. Free some space and try again.</source>
        <translation>Диск заполнен: файл {name} не записан. Освободите место и попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>{name} would be larger than the largest file this drive allows (a FAT32 drive: 4 GB) or this session allows: it was not written. Choose another drive, or one formatted with exFAT, NTFS, APFS or ext4.</source>
        <translation>Файл {name} получился бы больше наибольшего файла, который допускает этот диск (диск FAT32 — 4 ГБ) или этот сеанс: он не записан. Выберите другой диск или диск, отформатированный в exFAT, NTFS, APFS или ext4.</translation>
    </message>
    <message>
        <source>{path} could not be written ({reason}). Choose a folder that exists and that you may write to; nothing was written.</source>
        <translation>Не удалось записать {path} ({reason}). Выберите существующую папку, в которую у вас есть право записи; ничего не записано.</translation>
    </message>
    <message>
        <source>{path} is not a regular file (a folder, pipe or device): choose the file itself. Nothing was changed.</source>
        <translation>{path} — не обычный файл (папка, канал или устройство): выберите сам файл. Ничего не изменено.</translation>
    </message>
    <message>
        <source>No column was recognised as the name: map one (e.g. &apos;name&apos; or &apos;ФИО&apos;) and try again.</source>
        <translation>Ни один столбец не распознан как имя: сопоставьте с именем один из столбцов (например, «name» или «ФИО») и попробуйте снова.</translation>
    </message>
    <message>
        <source>This is an old Excel (.xls) or other Office file: save it as .xlsx or CSV and import that.</source>
        <translation>Это файл старого формата Excel (.xls) или другой программы Office: сохраните его как .xlsx или CSV и импортируйте новый файл.</translation>
    </message>
    <message>
        <source>The file to import was not found or is not a regular file.</source>
        <translation>Файл для импорта не найден или не является обычным файлом.</translation>
    </message>
    <message>
        <source>The file could not be read ({reason}).</source>
        <translation>Не удалось прочитать файл ({reason}).</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Файл пуст.</translation>
    </message>
    <message>
        <source>The file is larger than {mib} MiB: split it and import the parts.</source>
        <translation>Файл больше {mib} МиБ: разделите его на части и импортируйте их по очереди.</translation>
    </message>
    <message>
        <source>The file is UTF-8 text but for one byte that is not, on line {line}: perhaps a character pasted from another program. Nothing was imported, so that no name is garbled. Correct that line in a text editor, or save the file again as UTF-8 CSV, and import it again; if the whole file is in another encoding, name it (--encoding; in the app, the Text encoding list).</source>
        <translation>Файл в кодировке UTF-8, кроме одного байта в строке {line}: возможно, это символ, вставленный из другой программы. Ничего не импортировано, чтобы не исказить ни одного имени. Исправьте эту строку в текстовом редакторе или снова сохраните файл как CSV в UTF-8 и импортируйте его ещё раз; если весь файл в другой кодировке, укажите её (--encoding; в приложении — список «Кодировка текста»).</translation>
    </message>
    <message>
        <source>The file is UTF-8 text but for {bad} bytes that are not, the first on line {line}: perhaps characters pasted from another program. Nothing was imported, so that no name is garbled. Correct those lines in a text editor, or save the file again as UTF-8 CSV, and import it again; if the whole file is in another encoding, name it (--encoding; in the app, the Text encoding list).</source>
        <translation>Файл в кодировке UTF-8, кроме байтов вне её (всего {bad}, первый в строке {line}): возможно, это символы, вставленные из другой программы. Ничего не импортировано, чтобы не исказить ни одного имени. Исправьте эти строки в текстовом редакторе или снова сохраните файл как CSV в UTF-8 и импортируйте его ещё раз; если весь файл в другой кодировке, укажите её (--encoding; в приложении — список «Кодировка текста»).</translation>
    </message>
    <message>
        <source>The file&apos;s text encoding could not be read: save it as UTF-8 CSV and import that.</source>
        <translation>Не удалось определить кодировку текста файла: сохраните его как CSV в UTF-8 и импортируйте новый файл.</translation>
    </message>
    <message>
        <source>The file holds NUL bytes: it is not a text CSV file.</source>
        <translation>В файле есть нулевые байты (NUL): это не текстовый файл CSV.</translation>
    </message>
    <message>
        <source>Line {line}: the CSV is malformed (an unclosed quote or a cell too long).</source>
        <translation>Строка {line}: CSV повреждён (незакрытая кавычка или слишком длинная ячейка).</translation>
    </message>
    <message>
        <source>The file has more rows than this import reads (at most {rows}): split it and import the parts.</source>
        <translation>В файле больше строк, чем читает этот импорт (не больше {rows}): разделите его на части и импортируйте их по очереди.</translation>
    </message>
    <message>
        <source>Line {line}: more columns than this import reads (at most {columns}).</source>
        <translation>Строка {line}: больше столбцов, чем читает этот импорт (не больше {columns}).</translation>
    </message>
    <message>
        <source>Line {line}: a cell is longer than this import reads (at most {chars} characters).</source>
        <translation>Строка {line}: ячейка длиннее, чем читает этот импорт (не больше {chars} знаков).</translation>
    </message>
    <message>
        <source>The XLSX file holds more distinct texts or formats than this import reads (at most {texts} and {formats}); it was not opened. Split the sheet, or save it as CSV.</source>
        <translation>В файле XLSX больше разных текстов или форматов, чем читает этот импорт (не больше {texts} и {formats}); он не открыт. Разделите лист или сохраните его как CSV.</translation>
    </message>
    <message>
        <source>The sheet holds more cells than this import reads (at most {rows} by {columns}): copy what to import into a new sheet.</source>
        <translation>На листе больше ячеек, чем читает этот импорт (не больше {rows} на {columns}): скопируйте то, что нужно импортировать, на новый лист.</translation>
    </message>
    <message>
        <source>More columns than this import reads (at most {columns}).</source>
        <translation>Больше столбцов, чем читает этот импорт (не больше {columns}).</translation>
    </message>
    <message>
        <source>The file has no header row.</source>
        <translation>В файле нет строки заголовков.</translation>
    </message>
    <message>
        <source>The XLSX file has too many parts.</source>
        <translation>В файле XLSX слишком много частей.</translation>
    </message>
    <message>
        <source>The XLSX file is encrypted: remove its password first.</source>
        <translation>Файл XLSX зашифрован: сначала снимите с него пароль.</translation>
    </message>
    <message>
        <source>The XLSX file unpacks to far more than its size (a zip bomb?); it was not opened.</source>
        <translation>Файл XLSX распаковывается в объём, намного больший его размера (zip-бомба?); он не открыт.</translation>
    </message>
    <message>
        <source>The XLSX file holds pieces of text or markup far longer than a spreadsheet program writes; it was not opened. Save it again in a spreadsheet program, or as CSV.</source>
        <translation>В файле XLSX есть фрагменты текста или разметки намного длиннее тех, что записывают программы электронных таблиц; он не открыт. Сохраните его заново в программе электронных таблиц или как CSV.</translation>
    </message>
    <message>
        <source>The file is not a readable XLSX workbook.</source>
        <translation>Файл не является читаемой книгой XLSX.</translation>
    </message>
    <message>
        <source>The XLSX file carries XML declarations that a workbook never needs; it was not opened.</source>
        <translation>В файле XLSX есть объявления XML, которые книге никогда не нужны; он не открыт.</translation>
    </message>
    <message>
        <source>The XLSX workbook could not be read to the end.</source>
        <translation>Книгу XLSX не удалось прочитать до конца.</translation>
    </message>
    <message>
        <source>The workbook has no sheets.</source>
        <translation>В книге нет листов.</translation>
    </message>
    <message>
        <source>The workbook has no sheet of that name; its sheets: {sheets}.</source>
        <translation>В книге нет листа с таким именем; её листы: {sheets}.</translation>
    </message>
    <message>
        <source>Every sheet of the workbook is hidden: show the sheet to import in Excel, or name it (--sheet NAME; in the app, the Sheet list).</source>
        <translation>Все листы книги скрыты: покажите нужный лист в Excel или укажите его (--sheet ИМЯ; в приложении — список «Лист»).</translation>
    </message>
    <message>
        <source>The workbook opens on a hidden sheet and has several visible ones ({sheets}): say which to import (--sheet NAME; in the app, the Sheet list).</source>
        <translation>Книга открывается на скрытом листе, а видимых листов несколько ({sheets}): укажите, какой импортировать (--sheet ИМЯ; в приложении — список «Лист»).</translation>
    </message>
    <message>
        <source>The sheet&apos;s rows or cells are out of order, repeated or nested, so some of them would be lost: open the file in a spreadsheet program, save it again and import that.</source>
        <translation>Строки или ячейки листа идут не по порядку, повторяются или вложены друг в друга, поэтому часть из них была бы потеряна: откройте файл в программе электронных таблиц, сохраните его заново и импортируйте новый файл.</translation>
    </message>
    <message>
        <source>The sheet holds far more elements outside its rows than a spreadsheet program writes; it was not read. Save it again in a spreadsheet program, or as CSV.</source>
        <translation>На листе намного больше элементов вне строк, чем записывают программы электронных таблиц; он не прочитан. Сохраните его заново в программе электронных таблиц или как CSV.</translation>
    </message>
    <message>
        <source>This editor cannot open that record: it is of another kind. Open it from its own list.</source>
        <translation>Этот редактор не может открыть эту запись: она другого типа. Откройте её из её собственного списка.</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>нет прав доступа</translation>
    </message>
    <message>
        <source>the drive is read-only</source>
        <translation>диск доступен только для чтения</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>нет такого файла или папки</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>часть пути — не папка</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>это папка</translation>
    </message>
    <message>
        <source>it already exists</source>
        <translation>уже существует</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>диск заполнен</translation>
    </message>
    <message>
        <source>the drive reports an error: it may be failing or was removed</source>
        <translation>диск сообщает об ошибке: возможно, он неисправен или был извлечён</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>слишком длинное имя</translation>
    </message>
    <message>
        <source>the file or drive is busy</source>
        <translation>файл или диск занят</translation>
    </message>
    <message>
        <source>the drive is not available</source>
        <translation>диск недоступен</translation>
    </message>
    <message>
        <source>too many files are open</source>
        <translation>открыто слишком много файлов</translation>
    </message>
    <message>
        <source>too many symbolic links</source>
        <translation>слишком много символических ссылок</translation>
    </message>
    <message>
        <source>an input/output error</source>
        <translation>ошибка ввода-вывода</translation>
    </message>
</context>
<context>
    <name>EvaluationEditor</name>
    <message>
        <source>This evaluation was made by another official and cannot be changed here; add your own evaluation instead.</source>
        <translation>Эту оценку дал другой сотрудник, и здесь её изменить нельзя; добавьте вместо этого собственную оценку.</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <source>Sensitivity level</source>
        <translation>Уровень доступа</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>Защита</translation>
    </message>
    <message>
        <source>&amp;Sensitivity</source>
        <translation>&amp;Уровень доступа</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Уровень доступа</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Ошибки</translation>
    </message>
    <message>
        <source>S&amp;ubject</source>
        <translation>&amp;Кого оценивают</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Кого оценивают</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Дата</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>&amp;Assessor</source>
        <translation>&amp;Оценщик</translation>
    </message>
    <message>
        <source>Assessor</source>
        <translation>Оценщик</translation>
    </message>
    <message>
        <source>1. S&amp;tandards and visions for a future Russia (0–4)</source>
        <translation>1. &amp;Стандарты и видение будущей России (0–4)</translation>
    </message>
    <message>
        <source>1. Standards and visions for a future Russia (0–4)</source>
        <translation>1. Стандарты и видение будущей России (0–4)</translation>
    </message>
    <message>
        <source>&amp;Evidence for criterion 1</source>
        <translation>Обос&amp;нование по критерию 1</translation>
    </message>
    <message>
        <source>Evidence for criterion 1</source>
        <translation>Обоснование по критерию 1</translation>
    </message>
    <message>
        <source>2. &amp;Knowledge for public debate about Russia (0–4)</source>
        <translation>2. &amp;Знания для публичной дискуссии о России (0–4)</translation>
    </message>
    <message>
        <source>2. Knowledge for public debate about Russia (0–4)</source>
        <translation>2. Знания для публичной дискуссии о России (0–4)</translation>
    </message>
    <message>
        <source>E&amp;vidence for criterion 2</source>
        <translation>Обосно&amp;вание по критерию 2</translation>
    </message>
    <message>
        <source>Evidence for criterion 2</source>
        <translation>Обоснование по критерию 2</translation>
    </message>
    <message>
        <source>3. Su&amp;pport for anti-war and anti-regime views inside Russia (0–4)</source>
        <translation>3. &amp;Поддержка антивоенных и оппозиционных взглядов внутри России (0–4)</translation>
    </message>
    <message>
        <source>3. Support for anti-war and anti-regime views inside Russia (0–4)</source>
        <translation>3. Поддержка антивоенных и оппозиционных взглядов внутри России (0–4)</translation>
    </message>
    <message>
        <source>Ev&amp;idence for criterion 3</source>
        <translation>Обоснов&amp;ание по критерию 3</translation>
    </message>
    <message>
        <source>Evidence for criterion 3</source>
        <translation>Обоснование по критерию 3</translation>
    </message>
</context>
<context>
    <name>EventEditor</name>
    <message>
        <source>Event</source>
        <translation>Событие</translation>
    </message>
    <message>
        <source>Sensitivity level</source>
        <translation>Уровень доступа</translation>
    </message>
    <message>
        <source>&amp;Sensitivity</source>
        <translation>&amp;Уровень доступа</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Уровень доступа</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Ошибки</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Название</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>St&amp;art</source>
        <translation>Н&amp;ачало</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>&amp;End</source>
        <translation>&amp;Окончание</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>&amp;Place</source>
        <translation>&amp;Место</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>&amp;Country</source>
        <translation>&amp;Страна</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <source>&amp;Organiser</source>
        <translation>Ор&amp;ганизатор</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>Организатор</translation>
    </message>
    <message>
        <source>Pa&amp;rticipants</source>
        <translation>У&amp;частники</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>&amp;Заметки</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
</context>
<context>
    <name>Evidence</name>
    <message>
        <source>%1: %2 = %3 (the same name)</source>
        <translation>%1: %2 = %3 (то же имя)</translation>
    </message>
    <message>
        <source>%1: %2 ≈ %3 (another romanisation)</source>
        <translation>%1: %2 ≈ %3 (другая латинизация)</translation>
    </message>
    <message>
        <source>%1: %2 ≈ %3 (similar spelling)</source>
        <translation>%1: %2 ≈ %3 (похожее написание)</translation>
    </message>
    <message>
        <source>%1: %2 ≈ %3 (other vowels)</source>
        <translation>%1: %2 ≈ %3 (другие гласные)</translation>
    </message>
    <message>
        <source>%1: the initial %2 fits %3</source>
        <translation>%1: инициал %2 подходит к %3</translation>
    </message>
    <message>
        <source>%1 forms differ by gender (%2 / %3): related, not the same</source>
        <translation>%1: формы разного рода (%2 / %3): родственники, а не один человек</translation>
    </message>
    <message>
        <source>%1: %2 is a short form of %3 (a weaker match)</source>
        <translation>%1: %2 — краткая форма имени %3 (более слабое совпадение)</translation>
    </message>
    <message>
        <source>%1: %2 is a short form of %3, and of other names (weak)</source>
        <translation>%1: %2 — краткая форма имени %3 и других имён (слабое совпадение)</translation>
    </message>
    <message>
        <source>patronymic: %1 / %2 agree</source>
        <translation>отчество: %1 / %2 совпадают</translation>
    </message>
    <message>
        <source>patronymics differ (%1 / %2)</source>
        <translation>отчества различаются (%1 / %2)</translation>
    </message>
    <message>
        <source>%1: %2 = %3</source>
        <translation>%1: %2 = %3</translation>
    </message>
    <message>
        <source>%1: %2 = %3 (few records have it: stronger)</source>
        <translation>%1: %2 = %3 (встречается редко: весомее)</translation>
    </message>
    <message>
        <source>%1: %2 ≠ %3</source>
        <translation>%1: %2 ≠ %3</translation>
    </message>
    <message>
        <source>%1: %2 ≠ %3 (the name&apos;s own form says which: weak)</source>
        <translation>%1: %2 ≠ %3 (форма самого имени указывает род: слабый довод)</translation>
    </message>
    <message>
        <source>%1: %2 ≈ %3 (one apart: weak)</source>
        <translation>%1: %2 ≈ %3 (разница в единицу: слабый довод)</translation>
    </message>
    <message>
        <source>both are tied to the same organisation (%1)</source>
        <translation>оба связаны с одной организацией (%1)</translation>
    </message>
    <message>
        <source>the only given name with this initial among records of this family name</source>
        <translation>единственное имя с этим инициалом среди записей с этой фамилией</translation>
    </message>
    <message>
        <source>of the given names with this initial among records of this family name, only this one&apos;s records agree with it on place, gender or birth year</source>
        <translation>из имён с этим инициалом среди записей с этой фамилией только записи этого имени совпадают с ней по месту, полу или году рождения</translation>
    </message>
    <message>
        <source>different kinds of record</source>
        <translation>записи разного вида</translation>
    </message>
    <message>
        <source>family name</source>
        <translation>фамилия</translation>
    </message>
    <message>
        <source>given name</source>
        <translation>имя</translation>
    </message>
    <message>
        <source>name</source>
        <translation>имя</translation>
    </message>
    <message>
        <source>name word</source>
        <translation>слово названия</translation>
    </message>
    <message>
        <source>patronymic</source>
        <translation>отчество</translation>
    </message>
    <message>
        <source>birth year</source>
        <translation>год рождения</translation>
    </message>
    <message>
        <source>gender</source>
        <translation>пол</translation>
    </message>
    <message>
        <source>country</source>
        <translation>страна</translation>
    </message>
    <message>
        <source>region</source>
        <translation>регион</translation>
    </message>
    <message>
        <source>city</source>
        <translation>город</translation>
    </message>
    <message>
        <source>founded</source>
        <translation>год основания</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>эл. почта</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <source>website</source>
        <translation>сайт</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Signal</translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>review date</source>
        <translation>дата проверки</translation>
    </message>
</context>
<context>
    <name>EvidenceCounts</name>
    <message numerus="yes">
        <source>%Ln name parts do not match</source>
        <translation>
            <numerusform>Не совпадает %Ln часть имени</numerusform>
            <numerusform>Не совпадают %Ln части имени</numerusform>
            <numerusform>Не совпадают %Ln частей имени</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>this name is rare here (%Ln records bear it): stronger evidence</source>
        <translation>
            <numerusform>это имя здесь редкое (оно есть в %Ln записи): довод весомее</numerusform>
            <numerusform>это имя здесь редкое (оно есть в %Ln записях): довод весомее</numerusform>
            <numerusform>это имя здесь редкое (оно есть в %Ln записях): довод весомее</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>this name is common here (%Ln records bear it): weaker evidence</source>
        <translation>
            <numerusform>это имя здесь частое (оно есть в %Ln записи): довод слабее</numerusform>
            <numerusform>это имя здесь частое (оно есть в %Ln записях): довод слабее</numerusform>
            <numerusform>это имя здесь частое (оно есть в %Ln записях): довод слабее</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Choose a passphrase.</source>
        <translation>Придумайте парольную фразу.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Парольные фразы не совпадают.</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>Введите своё имя.</translation>
    </message>
    <message>
        <source>Enter your organisation.</source>
        <translation>Введите свою организацию.</translation>
    </message>
    <message>
        <source>Enter your country as a two-letter code, such as SE.</source>
        <translation>Введите свою страну двухбуквенным кодом, например SE.</translation>
    </message>
    <message>
        <source>The vault has not been created yet.</source>
        <translation>Хранилище ещё не создано.</translation>
    </message>
    <message>
        <source>Create a vault — Registry</source>
        <translation>Создание хранилища — Реестр</translation>
    </message>
    <message>
        <source>This computer has no usable keychain, so the vault will open with the passphrase only. That is the safest choice anyway.</source>
        <translation>На этом компьютере нет подходящего хранилища ключей, поэтому хранилище будет открываться только парольной фразой. Это и так самый безопасный вариант.</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Создать</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Далее &gt;</translation>
    </message>
    <message>
        <source>The passphrase is too easy to guess: choose a stronger one.</source>
        <translation>Парольную фразу слишком легко угадать: выберите более надёжную.</translation>
    </message>
    <message>
        <source>Choose a passphrase</source>
        <translation>Придумайте парольную фразу</translation>
    </message>
    <message>
        <source>If the passphrase is lost, the vault cannot be opened by anyone, including you.</source>
        <translation>Если парольная фраза утеряна, хранилище не сможет открыть никто, включая вас.</translation>
    </message>
    <message>
        <source>Yes, on this computer&apos;s keychain</source>
        <translation>Да, в хранилище ключей этого компьютера</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <source>Remember on this computer</source>
        <translation>Запомнить на этом компьютере</translation>
    </message>
    <message>
        <source>Vault folder</source>
        <translation>Папка хранилища</translation>
    </message>
    <message>
        <source>Ready to create the vault</source>
        <translation>Всё готово для создания хранилища</translation>
    </message>
    <message>
        <source>Press Create. Deriving the key takes about a second.</source>
        <translation>Нажмите «Создать». Вычисление ключа займёт около секунды.</translation>
    </message>
    <message>
        <source>Then make your first backup (Vault → Back up…) and keep it apart from this computer: a lost or broken laptop then loses nothing.</source>
        <translation>Затем сделайте первую резервную копию (Хранилище → Резервная копия…) и храните её отдельно от этого компьютера: тогда потеря или поломка ноутбука ничего не унесёт.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Welcome to Registry&lt;/h3&gt;&lt;p&gt;There is no vault on this computer yet. The next steps create one: an encrypted database that only your passphrase opens, and your identity as an official, which signs what you share.&lt;/p&gt;&lt;p&gt;Nothing leaves this computer unless you export it.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Добро пожаловать в Реестр&lt;/h3&gt;&lt;p&gt;На этом компьютере ещё нет хранилища. Следующие шаги создадут его: зашифрованную базу данных, которую открывает только ваша парольная фраза, и вашу учётную запись сотрудника, которой подписывается всё, чем вы делитесь.&lt;/p&gt;&lt;p&gt;Ничто не покидает этот компьютер, если вы сами это не экспортируете.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Парольная фраза:</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Новая парольная фраза</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;Ещё раз:</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Парольная фраза ещё раз</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>Надёжность:</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Надёжность парольной фразы</translation>
    </message>
    <message>
        <source>&amp;Remember on this computer</source>
        <translation>&amp;Запомнить на этом компьютере</translation>
    </message>
    <message>
        <source>Remember the vault key in this computer&apos;s keychain</source>
        <translation>Сохранить ключ хранилища в хранилище ключей этого компьютера</translation>
    </message>
    <message>
        <source>If you tick this, the vault&apos;s key is kept in this computer&apos;s keychain, so the vault opens without the passphrase while you are logged in to this computer. Anyone who can use your computer account can then open the registry: do not use it on a computer you share or that may be seized. The passphrase always keeps working.</source>
        <translation>Если отметить этот пункт, ключ хранилища будет храниться в хранилище ключей этого компьютера, и хранилище будет открываться без парольной фразы, пока вы вошли в систему. Тогда реестр сможет открыть любой, у кого есть доступ к вашей учётной записи: не используйте это на компьютере, которым пользуются другие или который могут изъять. Парольная фраза продолжает действовать всегда.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Your identity as an official&lt;/h3&gt;&lt;p&gt;Officials you exchange bundles with see these details on your public card.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Ваши данные как сотрудника&lt;/h3&gt;&lt;p&gt;Сотрудники, с которыми вы обмениваетесь пакетами, видят эти сведения в вашей публичной карточке.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ваше имя</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>&amp;Организация:</translation>
    </message>
    <message>
        <source>Your organisation</source>
        <translation>Ваша организация</translation>
    </message>
    <message>
        <source>&amp;Country (two letters):</source>
        <translation>&amp;Страна (две буквы):</translation>
    </message>
    <message>
        <source>Your country, ISO code</source>
        <translation>Ваша страна, код ISO</translation>
    </message>
    <message>
        <source>SE</source>
        <translation>SE</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Итог</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <source>Guide — Registry</source>
        <translation>Руководство — Реестр</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Содержание</translation>
    </message>
    <message>
        <source>Guide text</source>
        <translation>Текст руководства</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <source>Save the succession statement</source>
        <translation>Сохранить заявление о передаче дел</translation>
    </message>
    <message>
        <source>Succession statements (*.json);;All files (*)</source>
        <translation>Заявления о передаче дел (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Accept a succession statement</source>
        <translation>Принять заявление о передаче дел</translation>
    </message>
    <message>
        <source>Hand your post over</source>
        <translation>Передать дела</translation>
    </message>
    <message>
        <source>Hand your post over to {0} ({1}, {2})?

Before you do, give {0} the handover bundle: Export… with everything, people at risk included, to {0} only.

The statement you save names {0} as your successor and is signed with your key. Send it to your colleagues: those who accept it trust {0} in one step and retire your key, so they refuse whatever it signs from then on. This vault will then write bundles for {0} only. This cannot be undone.</source>
        <translation>Передать дела: {0} ({1}, {2})?

Сначала передайте преемнику ({0}) пакет с делами: «Экспорт…» со всеми записями, включая людей под угрозой, только для {0}.

Сохраняемое заявление называет {0} вашим преемником и подписано вашим ключом. Отправьте его коллегам: принявшие его доверяют {0} в один шаг и выводят ваш ключ из употребления, то есть с этого момента отклоняют всё, что им подписано. После этого хранилище будет писать пакеты только для {0}. Отменить это нельзя.</translation>
    </message>
    <message>
        <source>Successor&apos;s fingerprint: {0}</source>
        <translation>Отпечаток ключа преемника: {0}</translation>
    </message>
    <message>
        <source>I verified {0} in person and gave them the handover bundle</source>
        <translation>Я лично проверил(а) преемника ({0}) и передал(а) ему пакет с делами</translation>
    </message>
    <message>
        <source>Sign and save…</source>
        <translation>Подписать и сохранить…</translation>
    </message>
    <message>
        <source>{0} ({1}, {2}) names you as their successor, signed by {0}&apos;s verified key on {3}.

Import {0}&apos;s handover bundle before you accept: accepting retires {0}&apos;s key in this vault, so bundles it signs are refused from then on.</source>
        <translation>{0} ({1}, {2}) называет вас своим преемником; заявление подписано проверенным ключом {0} {3}.

Прежде чем принять, импортируйте пакет передачи дел от {0}: после принятия ключ {0} в этом хранилище выводится из употребления, и подписанные им пакеты будут отклоняться.</translation>
    </message>
    <message>
        <source>No bundle {0} wrote for you after signing this statement is in yet: it hands you who holds what {0} shared, so that your flags and erasures reach them. Import it first.</source>
        <translation>Пакет, который {0} подготовил(а) для вас после подписания этого заявления, ещё не импортирован: он передаёт вам сведения о том, у кого хранится то, чем делился {0}, чтобы ваши отметки и удаления доходили до этих коллег. Сначала импортируйте его.</translation>
    </message>
    <message>
        <source>{0} ({1}, {2}) hands over to {3} ({4}, {5}), signed by {0}&apos;s verified key on {6}.

Accepting trusts {3} as the successor in one step, shown as verified by succession: compare the safety number with {3} when you can. {0}&apos;s key is retired: bundles it signs are refused from then on.

Successor&apos;s fingerprint: {7}</source>
        <translation>{0} ({1}, {2}) передаёт дела преемнику: {3} ({4}, {5}); заявление подписано проверенным ключом ({0}) {6}.

Если принять его, преемнику ({3}) будет доверие в один шаг, с отметкой «по передаче дел»: сверьте с ним код безопасности, когда сможете. Ключ ({0}) выводится из употребления: подписанные им пакеты с этого момента отклоняются.

Отпечаток ключа преемника: {7}</translation>
    </message>
    <message>
        <source>{0} ({1}, {2}) hands over to {3} ({4}, {5}), signed by {0}&apos;s verified key on {6}.

{3} has handed the post on already, to {8}: accepting leaves {3}&apos;s key retired, retires {0}&apos;s, and records that {8} holds what {0} was sent, so that your flags and erasures reach them.

Successor&apos;s fingerprint: {7}</source>
        <translation>{0} ({1}, {2}) передаёт дела преемнику: {3} ({4}, {5}); заявление подписано проверенным ключом ({0}) {6}.

{3} уже передал(а) дела дальше: {8}. Если принять заявление, ключ ({3}) останется выведенным из употребления, ключ ({0}) тоже будет выведен, а за {8} будет записано всё, что получал(а) {0}, — чтобы ваши отметки и удаления дошли и туда.

Отпечаток ключа преемника: {7}</translation>
    </message>
    <message>
        <source>Succession statement saved to {0}. Send it to your colleagues. Your key is retired: this vault now writes bundles for {1} only.</source>
        <translation>Заявление о передаче дел сохранено в {0}. Отправьте его коллегам. Ваш ключ выведен из употребления: теперь хранилище пишет пакеты только для {1}.</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Принять</translation>
    </message>
    <message>
        <source>You are {0}&apos;s successor; {0}&apos;s key is retired in this vault.</source>
        <translation>Вы — преемник {0}; ключ {0} в этом хранилище выведен из употребления.</translation>
    </message>
    <message>
        <source>{0} has handed {1}&apos;s post on already, to {2}: {0}&apos;s and {1}&apos;s keys are retired, and {2} is known to hold what {1} was sent.</source>
        <translation>{0} уже передал(а) дела ({1}) дальше: {2}. Ключи ({0}) и ({1}) выведены из употребления, а за {2} записано всё, что получал(а) {1}.</translation>
    </message>
    <message>
        <source>{0} is trusted as {1}&apos;s successor; {1}&apos;s key is retired.</source>
        <translation>{0} — доверенный преемник ({1}); ключ ({1}) выведен из употребления.</translation>
    </message>
    <message>
        <source>{0} takes {1}&apos;s place among your custodians.</source>
        <translation>{0} занимает место сотрудника {1} среди ваших хранителей.</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Передача дел</translation>
    </message>
    <message>
        <source>Hand my post over to this official…</source>
        <translation>Передать дела этому сотруднику…</translation>
    </message>
    <message>
        <source>Accept a succession statement…</source>
        <translation>Принять заявление о передаче дел…</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Person</source>
        <translation>Человек</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>Связь</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Поддержка</translation>
    </message>
    <message>
        <source>Event or programme</source>
        <translation>Событие или программа</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <source>Duplicate decision</source>
        <translation>Решение о дубликате</translation>
    </message>
    <message>
        <source>New person</source>
        <translation>Новый человек</translation>
    </message>
    <message>
        <source>New organisation</source>
        <translation>Новая организация</translation>
    </message>
    <message>
        <source>New tie</source>
        <translation>Новая связь</translation>
    </message>
    <message>
        <source>New support</source>
        <translation>Новая поддержка</translation>
    </message>
    <message>
        <source>New event or programme</source>
        <translation>Новое событие или программа</translation>
    </message>
    <message>
        <source>New evaluation</source>
        <translation>Новая оценка</translation>
    </message>
    <message>
        <source>Edit person</source>
        <translation>Изменить сведения о человеке</translation>
    </message>
    <message>
        <source>Edit organisation</source>
        <translation>Изменить организацию</translation>
    </message>
    <message>
        <source>Edit tie</source>
        <translation>Изменить связь</translation>
    </message>
    <message>
        <source>Edit support</source>
        <translation>Изменить поддержку</translation>
    </message>
    <message>
        <source>Edit event or programme</source>
        <translation>Изменить событие или программу</translation>
    </message>
    <message>
        <source>Edit evaluation</source>
        <translation>Изменить оценку</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>Открытый</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>Внутренний</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>Конфиденциальный</translation>
    </message>
    <message>
        <source>Protected</source>
        <translation>Защищённый</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Женский</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Мужской</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <source>Undisclosed</source>
        <translation>Не указан</translation>
    </message>
    <message>
        <source>National minority</source>
        <translation>Национальное меньшинство</translation>
    </message>
    <message>
        <source>Regional community</source>
        <translation>Региональное сообщество</translation>
    </message>
    <message>
        <source>LGBTQ+</source>
        <translation>ЛГБТК+</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>Инвалидность</translation>
    </message>
    <message>
        <source>Other vulnerable group</source>
        <translation>Другая уязвимая группа</translation>
    </message>
    <message>
        <source>Activist</source>
        <translation>Активист</translation>
    </message>
    <message>
        <source>Journalist</source>
        <translation>Журналист</translation>
    </message>
    <message>
        <source>Researcher</source>
        <translation>Исследователь</translation>
    </message>
    <message>
        <source>Politician</source>
        <translation>Политик</translation>
    </message>
    <message>
        <source>Lawyer</source>
        <translation>Юрист</translation>
    </message>
    <message>
        <source>Artist</source>
        <translation>Деятель искусства</translation>
    </message>
    <message>
        <source>Human-rights defender</source>
        <translation>Правозащитник</translation>
    </message>
    <message>
        <source>Other role</source>
        <translation>Другая роль</translation>
    </message>
    <message>
        <source>Independent media</source>
        <translation>Независимое СМИ</translation>
    </message>
    <message>
        <source>NGO</source>
        <translation>НКО</translation>
    </message>
    <message>
        <source>Human rights</source>
        <translation>Правозащитная организация</translation>
    </message>
    <message>
        <source>Research / think tank</source>
        <translation>Исследовательский центр</translation>
    </message>
    <message>
        <source>Political movement</source>
        <translation>Политическое движение</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>Образование</translation>
    </message>
    <message>
        <source>Culture</source>
        <translation>Культура</translation>
    </message>
    <message>
        <source>Diaspora community</source>
        <translation>Община диаспоры</translation>
    </message>
    <message>
        <source>Donor / foundation</source>
        <translation>Донор / фонд</translation>
    </message>
    <message>
        <source>Government body</source>
        <translation>Государственный орган</translation>
    </message>
    <message>
        <source>Member of</source>
        <translation>Член</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Руководит</translation>
    </message>
    <message>
        <source>Founded</source>
        <translation>Основатель</translation>
    </message>
    <message>
        <source>Works for</source>
        <translation>Сотрудник</translation>
    </message>
    <message>
        <source>Partner of</source>
        <translation>Партнёр</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Семья</translation>
    </message>
    <message>
        <source>Colleague</source>
        <translation>Коллега</translation>
    </message>
    <message>
        <source>Contact inside Russia</source>
        <translation>Контакт в России</translation>
    </message>
    <message>
        <source>Other tie</source>
        <translation>Другая связь</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Подтверждено</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Со слов</translation>
    </message>
    <message>
        <source>Unverified</source>
        <translation>Не проверено</translation>
    </message>
    <message>
        <source>Residence permit</source>
        <translation>Вид на жительство</translation>
    </message>
    <message>
        <source>Work permit</source>
        <translation>Разрешение на работу</translation>
    </message>
    <message>
        <source>Humanitarian visa</source>
        <translation>Гуманитарная виза</translation>
    </message>
    <message>
        <source>Grant</source>
        <translation>Грант</translation>
    </message>
    <message>
        <source>Fellowship</source>
        <translation>Стипендия</translation>
    </message>
    <message>
        <source>Event participation</source>
        <translation>Участие в мероприятии</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Обучение</translation>
    </message>
    <message>
        <source>Legal aid</source>
        <translation>Юридическая помощь</translation>
    </message>
    <message>
        <source>Relocation</source>
        <translation>Релокация</translation>
    </message>
    <message>
        <source>Security support</source>
        <translation>Помощь в безопасности</translation>
    </message>
    <message>
        <source>Other support</source>
        <translation>Другая поддержка</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Запрошена</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>Предоставлена</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Действует</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Истекла</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Отказано</translation>
    </message>
    <message>
        <source>Short (1–2 years)</source>
        <translation>Короткий (1–2 года)</translation>
    </message>
    <message>
        <source>Mid (about 5 years)</source>
        <translation>Средний (около 5 лет)</translation>
    </message>
    <message>
        <source>Long</source>
        <translation>Долгий</translation>
    </message>
    <message>
        <source>0 — none</source>
        <translation>0 — нет</translation>
    </message>
    <message>
        <source>1 — weak</source>
        <translation>1 — слабо</translation>
    </message>
    <message>
        <source>2 — moderate</source>
        <translation>2 — умеренно</translation>
    </message>
    <message>
        <source>3 — strong</source>
        <translation>3 — сильно</translation>
    </message>
    <message>
        <source>4 — very strong</source>
        <translation>4 — очень сильно</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>обязательное поле</translation>
    </message>
    <message>
        <source>must be a date as YYYY-MM-DD</source>
        <translation>нужна дата в формате ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <source>is not a region of the list (choose one, e.g. RU-SVE)</source>
        <translation>такого региона нет в списке (выберите из списка, например RU-SVE)</translation>
    </message>
    <message>
        <source>is not a country of the list (choose one, e.g. DE)</source>
        <translation>такой страны нет в списке (выберите из списка, например DE)</translation>
    </message>
    <message>
        <source>is not a record: choose one from the suggestions</source>
        <translation>это не запись: выберите из предложенных</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>нужно целое число</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>нужно число</translation>
    </message>
    <message>
        <source>is not a three-letter currency code (e.g. EUR)</source>
        <translation>это не трёхбуквенный код валюты (например EUR)</translation>
    </message>
    <message>
        <source>contains control characters</source>
        <translation>содержит управляющие символы</translation>
    </message>
    <message numerus="yes">
        <source>is longer than %n characters</source>
        <translation>
            <numerusform>длиннее %n символа</numerusform>
            <numerusform>длиннее %n символов</numerusform>
            <numerusform>длиннее %n символов</numerusform>
        </translation>
    </message>
    <message>
        <source>must be at least {0}</source>
        <translation>не меньше {0}</translation>
    </message>
    <message>
        <source>must be at most {0}</source>
        <translation>не больше {0}</translation>
    </message>
    <message>
        <source>choose a record from the suggestions, or clear the field</source>
        <translation>выберите запись из предложенных или очистите поле</translation>
    </message>
    <message>
        <source>is before the start</source>
        <translation>раньше начала</translation>
    </message>
    <message>
        <source>must be another record than the first end: a tie needs two records</source>
        <translation>нужна другая запись, не та, что на первом конце: связь соединяет две записи</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Нет</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sharing</source>
        <translation>Обмен</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Сеть связей</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Дубликаты</translation>
    </message>
    <message>
        <source>Record editing is not available in this build.</source>
        <translation>В этой сборке редактировать записи нельзя.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
    <message>
        <source>Delete record</source>
        <translation>Удаление записи</translation>
    </message>
    <message>
        <source>Delete the selected record? It can be restored from field history by a later import.</source>
        <translation>Удалить выбранную запись? Её можно будет восстановить из истории полей при последующем импорте.</translation>
    </message>
    <message>
        <source>About Registry</source>
        <translation>О Реестре</translation>
    </message>
    <message>
        <source>Registry {0}: an offline, encrypted registry of Russian civil society in exile.</source>
        <translation>Реестр {0}: автономный зашифрованный реестр российского гражданского общества в эмиграции.</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>Реестр</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Разделы</translation>
    </message>
    <message>
        <source>&amp;Vault</source>
        <translation>&amp;Хранилище</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Запись</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Панель инструментов</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Заблокировать</translation>
    </message>
    <message>
        <source>Lock the registry now (Ctrl+L)</source>
        <translation>Заблокировать реестр сейчас (Ctrl+L)</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Создать…</translation>
    </message>
    <message>
        <source>New record in this section (Ctrl+N)</source>
        <translation>Новая запись в этом разделе (Ctrl+N)</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <source>Edit the selected record (Ctrl+E)</source>
        <translation>Изменить выбранную запись (Ctrl+E)</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>Delete the selected record</source>
        <translation>Удалить выбранную запись</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Найти</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>&amp;Руководство</translation>
    </message>
    <message>
        <source>How to use Registry safely: first steps, sharing, a lost laptop, backups (F1)</source>
        <translation>Как безопасно работать с Реестром: первые шаги, обмен, потеря ноутбука, резервные копии (F1)</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>&amp;About Registry</source>
        <translation>&amp;О Реестре</translation>
    </message>
    <message>
        <source>Language changed: {0} reloaded in the new language.</source>
        <translation>Язык изменён: {0} — загружено заново на новом языке.</translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <source>Reveal protected names</source>
        <translation>Показать защищённые имена</translation>
    </message>
    <message>
        <source>People inside Russia and protected records are drawn under a pseudonym unless revealed. Locking hides them.</source>
        <translation>Люди в России и защищённые записи показаны под псевдонимом, пока их не раскрыть. Блокировка скрывает их.</translation>
    </message>
    <message>
        <source>Brokers (betweenness centrality)</source>
        <translation>Посредники (центральность по посредничеству)</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Участник</translation>
    </message>
    <message>
        <source>Name of a person or organisation</source>
        <translation>Имя человека или название организации</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Глубина</translation>
    </message>
    <message>
        <source>Ego network</source>
        <translation>Окружение участника</translation>
    </message>
    <message>
        <source>Whole network</source>
        <translation>Вся сеть</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Фильтры</translation>
    </message>
    <message>
        <source>Tie kinds</source>
        <translation>Виды связей</translation>
    </message>
    <message>
        <source>Active between</source>
        <translation>Активны в период</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>To</source>
        <translation>По</translation>
    </message>
    <message>
        <source>Up to sensitivity</source>
        <translation>До уровня доступа</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Вписать</translation>
    </message>
    <message>
        <source>Loading the network…</source>
        <translation>Загрузка сети…</translation>
    </message>
    <message>
        <source> (truncated)</source>
        <translation> (обрезано)</translation>
    </message>
    <message>
        <source>protected person, name revealed</source>
        <translation>защищённый человек, имя раскрыто</translation>
    </message>
    <message>
        <source>protected person, shown under a pseudonym</source>
        <translation>защищённый человек, показан под псевдонимом</translation>
    </message>
    <message>
        <source>person</source>
        <translation>человек</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>организация</translation>
    </message>
    <message>
        <source>Names that do not fit are shown when the pointer rests on a dot.</source>
        <translation>Имена, которым не хватило места, видны при наведении указателя на точку.</translation>
    </message>
    <message>
        <source>Ego network (the larger dot)</source>
        <translation>Окружение участника (крупная точка)</translation>
    </message>
    <message>
        <source>Largest connected group</source>
        <translation>Крупнейшая связная группа</translation>
    </message>
    <message>
        <source>{0}, {1}{2}; layout {3} s</source>
        <translation>{0}, {1}{2}; раскладка {3} с</translation>
    </message>
    <message>
        <source>{0}; largest: {1}</source>
        <translation>{0}; крупнейшие: {1}</translation>
    </message>
</context>
<context>
    <name>OrganisationEditor</name>
    <message>
        <source>N&amp;otes</source>
        <translation>&amp;Заметки</translation>
    </message>
    <message>
        <source>Sensitivity level</source>
        <translation>Уровень доступа</translation>
    </message>
    <message>
        <source>&amp;Sensitivity</source>
        <translation>&amp;Уровень доступа</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Уровень доступа</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Ошибки</translation>
    </message>
    <message>
        <source>&amp;Names</source>
        <translation>&amp;Имена</translation>
    </message>
    <message>
        <source>N&amp;ame (native script)</source>
        <translation>Имя (в оригинальном &amp;написании)</translation>
    </message>
    <message>
        <source>Name (native script)</source>
        <translation>Имя (в оригинальном написании)</translation>
    </message>
    <message>
        <source>Na&amp;me (Latin script)</source>
        <translation>Имя (&amp;латиницей)</translation>
    </message>
    <message>
        <source>Name (Latin script)</source>
        <translation>Имя (латиницей)</translation>
    </message>
    <message>
        <source>A&amp;liases (one per line)</source>
        <translation>&amp;Другие имена (по одному в строке)</translation>
    </message>
    <message>
        <source>Aliases (one per line)</source>
        <translation>Другие имена (по одному в строке)</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Профиль</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>&amp;Тип</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>&amp;Founded (year)</source>
        <translation>Год осно&amp;вания</translation>
    </message>
    <message>
        <source>Founded (year)</source>
        <translation>Год основания</translation>
    </message>
    <message>
        <source>R&amp;elocated (year)</source>
        <translation>Год &amp;релокации</translation>
    </message>
    <message>
        <source>Relocated (year)</source>
        <translation>Год релокации</translation>
    </message>
    <message>
        <source>&amp;Country</source>
        <translation>&amp;Страна</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <source>&amp;Host countries</source>
        <translation>Страны пр&amp;ебывания</translation>
    </message>
    <message>
        <source>Host countries</source>
        <translation>Страны пребывания</translation>
    </message>
    <message>
        <source>C&amp;ity</source>
        <translation>&amp;Город</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <source>The&amp;mes (comma-separated)</source>
        <translation>Те&amp;мы (через запятую)</translation>
    </message>
    <message>
        <source>Themes (comma-separated)</source>
        <translation>Темы (через запятую)</translation>
    </message>
    <message>
        <source>Re&amp;gions covered</source>
        <translation>Регионы о&amp;хвата</translation>
    </message>
    <message>
        <source>Regions covered</source>
        <translation>Регионы охвата</translation>
    </message>
    <message>
        <source>&amp;Languages (comma-separated)</source>
        <translation>&amp;Языки (через запятую)</translation>
    </message>
    <message>
        <source>Languages (comma-separated)</source>
        <translation>Языки (через запятую)</translation>
    </message>
    <message>
        <source>&amp;Reach</source>
        <translation>&amp;Охват</translation>
    </message>
    <message>
        <source>&amp;Audience reach</source>
        <translation>Охват &amp;аудитории</translation>
    </message>
    <message>
        <source>Audience reach</source>
        <translation>Охват аудитории</translation>
    </message>
    <message>
        <source>R&amp;each metric</source>
        <translation>Показа&amp;тель охвата</translation>
    </message>
    <message>
        <source>Reach metric</source>
        <translation>Показатель охвата</translation>
    </message>
    <message>
        <source>Rea&amp;ch as of</source>
        <translation>Охват на &amp;дату</translation>
    </message>
    <message>
        <source>Reach as of</source>
        <translation>Охват на дату</translation>
    </message>
    <message>
        <source>&amp;Website</source>
        <translation>&amp;Сайт</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Сайт</translation>
    </message>
    <message>
        <source>No&amp;tes</source>
        <translation>За&amp;метки</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
</context>
<context>
    <name>Passphrase</name>
    <message>
        <source>Use a few words, avoid common phrases.</source>
        <translation>Используйте несколько слов, избегайте устойчивых выражений.</translation>
    </message>
    <message>
        <source>No need for symbols, digits, or uppercase letters.</source>
        <translation>Символы, цифры и заглавные буквы не обязательны.</translation>
    </message>
    <message>
        <source>Add another word or two. Uncommon words are better.</source>
        <translation>Добавьте ещё одно-два слова. Лучше редкие.</translation>
    </message>
    <message>
        <source>Straight rows of keys are easy to guess.</source>
        <translation>Ряды клавиш подряд легко угадать.</translation>
    </message>
    <message>
        <source>Short keyboard patterns are easy to guess.</source>
        <translation>Короткие узоры на клавиатуре легко угадать.</translation>
    </message>
    <message>
        <source>Use a longer keyboard pattern with more turns.</source>
        <translation>Используйте более длинный узор на клавиатуре с большим числом поворотов.</translation>
    </message>
    <message>
        <source>Repeats like &quot;aaa&quot; are easy to guess.</source>
        <translation>Повторы вроде «ааа» легко угадать.</translation>
    </message>
    <message>
        <source>Repeats like &quot;abcabcabc&quot; are only slightly harder to guess than &quot;abc&quot;.</source>
        <translation>Повторы вроде «абвабвабв» угадать лишь немного труднее, чем «абв».</translation>
    </message>
    <message>
        <source>Avoid repeated words and characters.</source>
        <translation>Не повторяйте слова и символы.</translation>
    </message>
    <message>
        <source>Sequences like &quot;abc&quot; or &quot;6543&quot; are easy to guess.</source>
        <translation>Последовательности вроде «abc» или «6543» легко угадать.</translation>
    </message>
    <message>
        <source>Avoid sequences.</source>
        <translation>Не используйте последовательности.</translation>
    </message>
    <message>
        <source>Recent years are easy to guess.</source>
        <translation>Недавние годы легко угадать.</translation>
    </message>
    <message>
        <source>Avoid recent years.</source>
        <translation>Не используйте недавние годы.</translation>
    </message>
    <message>
        <source>Avoid years that are associated with you.</source>
        <translation>Не используйте годы, связанные с вами.</translation>
    </message>
    <message>
        <source>Dates are often easy to guess.</source>
        <translation>Даты часто легко угадать.</translation>
    </message>
    <message>
        <source>Avoid dates and years that are associated with you.</source>
        <translation>Не используйте даты и годы, связанные с вами.</translation>
    </message>
    <message>
        <source>This is a top-10 common password.</source>
        <translation>Это один из 10 самых распространённых паролей.</translation>
    </message>
    <message>
        <source>This is a top-100 common password.</source>
        <translation>Это один из 100 самых распространённых паролей.</translation>
    </message>
    <message>
        <source>This is a very common password.</source>
        <translation>Это очень распространённый пароль.</translation>
    </message>
    <message>
        <source>This is similar to a commonly used password.</source>
        <translation>Это похоже на распространённый пароль.</translation>
    </message>
    <message>
        <source>A word by itself is easy to guess.</source>
        <translation>Одно слово само по себе легко угадать.</translation>
    </message>
    <message>
        <source>Names and surnames by themselves are easy to guess.</source>
        <translation>Имена и фамилии сами по себе легко угадать.</translation>
    </message>
    <message>
        <source>Common names and surnames are easy to guess.</source>
        <translation>Распространённые имена и фамилии легко угадать.</translation>
    </message>
    <message>
        <source>Capitalization doesn&apos;t help very much.</source>
        <translation>Заглавная буква почти не помогает.</translation>
    </message>
    <message>
        <source>All-uppercase is almost as easy to guess as all-lowercase.</source>
        <translation>Слово целиком заглавными буквами угадать почти так же легко, как строчными.</translation>
    </message>
    <message>
        <source>Reversed words aren&apos;t much harder to guess.</source>
        <translation>Слова задом наперёд угадать ненамного труднее.</translation>
    </message>
    <message>
        <source>Predictable substitutions like &apos;@&apos; instead of &apos;a&apos; don&apos;t help very much.</source>
        <translation>Предсказуемые замены вроде «@» вместо «a» почти не помогают.</translation>
    </message>
    <message>
        <source>It contains your name, organisation or country.</source>
        <translation>В ней есть ваше имя, организация или страна.</translation>
    </message>
    <message>
        <source>It is made mostly of your name, organisation or country, which whoever holds this laptop knows: they add nothing an attacker has to guess.</source>
        <translation>Она состоит в основном из вашего имени, организации или страны, а их знает любой, у кого окажется этот ноутбук: угадывать их не придётся.</translation>
    </message>
    <message>
        <source>Whoever holds this laptop, or a backup of the vault, can try passphrases against the key file offline for as long as they like: the vault is only as strong as its passphrase.</source>
        <translation>Тот, у кого в руках этот ноутбук или резервная копия хранилища, может подбирать парольную фразу к файлу ключа без сети и сколько угодно долго: хранилище защищено ровно настолько, насколько надёжна его парольная фраза.</translation>
    </message>
    <message>
        <source>Pick four or more random words that have nothing to do with you (not your name, organisation or country), for example by rolling dice on a word list, and join them with spaces. Such a passphrase is both strong and easy to remember.</source>
        <translation>Возьмите четыре или больше случайных слов, не связанных с вами (не имя, не организацию и не страну), например бросая кости по списку слов, и разделите их пробелами. Такую парольную фразу трудно угадать и легко запомнить.</translation>
    </message>
    <message>
        <source>very weak</source>
        <translation>очень слабая</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>слабая</translation>
    </message>
    <message>
        <source>not strong enough</source>
        <translation>недостаточно надёжная</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>надёжная</translation>
    </message>
    <message>
        <source>very strong</source>
        <translation>очень надёжная</translation>
    </message>
    <message>
        <source>This passphrase is too easy to guess: the vault needs at least “strong”.</source>
        <translation>Эту парольную фразу слишком легко угадать: для хранилища нужна как минимум «надёжная».</translation>
    </message>
    <message>
        <source>This passphrase is too easy to guess for whoever knows whose laptop this is.</source>
        <translation>Эту парольную фразу слишком легко угадать тому, кто знает, чей это ноутбук.</translation>
    </message>
</context>
<context>
    <name>PersonEditor</name>
    <message>
        <source>N&amp;otes</source>
        <translation>&amp;Заметки</translation>
    </message>
    <message>
        <source>Sensitivity level</source>
        <translation>Уровень доступа</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>Защита</translation>
    </message>
    <message>
        <source>&amp;Sensitivity</source>
        <translation>&amp;Уровень доступа</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Уровень доступа</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Ошибки</translation>
    </message>
    <message>
        <source>&amp;Names</source>
        <translation>&amp;Имена</translation>
    </message>
    <message>
        <source>N&amp;ame (native script)</source>
        <translation>Имя (в оригинальном &amp;написании)</translation>
    </message>
    <message>
        <source>Name (native script)</source>
        <translation>Имя (в оригинальном написании)</translation>
    </message>
    <message>
        <source>Na&amp;me (Latin script)</source>
        <translation>Имя (&amp;латиницей)</translation>
    </message>
    <message>
        <source>Name (Latin script)</source>
        <translation>Имя (латиницей)</translation>
    </message>
    <message>
        <source>A&amp;liases (one per line)</source>
        <translation>&amp;Другие имена (по одному в строке)</translation>
    </message>
    <message>
        <source>Aliases (one per line)</source>
        <translation>Другие имена (по одному в строке)</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Профиль</translation>
    </message>
    <message>
        <source>&amp;Gender (self-declared)</source>
        <translation>&amp;Гендер (со слов человека)</translation>
    </message>
    <message>
        <source>Gender (self-declared)</source>
        <translation>Гендер (со слов человека)</translation>
    </message>
    <message>
        <source>&amp;Ethnicity or national group</source>
        <translation>&amp;Этническая или национальная группа</translation>
    </message>
    <message>
        <source>Ethnicity or national group</source>
        <translation>Этническая или национальная группа</translation>
    </message>
    <message>
        <source>G&amp;roups</source>
        <translation>Г&amp;руппы</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Группы</translation>
    </message>
    <message>
        <source>Ro&amp;les</source>
        <translation>Р&amp;оли</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Роли</translation>
    </message>
    <message>
        <source>Reg&amp;ion of origin</source>
        <translation>Р&amp;егион происхождения</translation>
    </message>
    <message>
        <source>Region of origin</source>
        <translation>Регион происхождения</translation>
    </message>
    <message>
        <source>Co&amp;untry of residence</source>
        <translation>&amp;Страна проживания</translation>
    </message>
    <message>
        <source>Country of residence</source>
        <translation>Страна проживания</translation>
    </message>
    <message>
        <source>Ci&amp;ty of residence</source>
        <translation>Горо&amp;д проживания</translation>
    </message>
    <message>
        <source>City of residence</source>
        <translation>Город проживания</translation>
    </message>
    <message>
        <source>Lives inside Russia (protected)</source>
        <translation>Живёт в России (под защитой)</translation>
    </message>
    <message>
        <source>Li&amp;ves inside Russia (protected)</source>
        <translation>&amp;Живёт в России (под защитой)</translation>
    </message>
    <message>
        <source>L&amp;anguages (comma-separated)</source>
        <translation>&amp;Языки (через запятую)</translation>
    </message>
    <message>
        <source>Languages (comma-separated)</source>
        <translation>Языки (через запятую)</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Контакты</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;Эл. почта</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>&amp;Телефон</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>S&amp;ignal</source>
        <translation>S&amp;ignal</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Signal</translation>
    </message>
    <message>
        <source>&amp;Telegram</source>
        <translation>Te&amp;legram</translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>Othe&amp;r contact</source>
        <translation>&amp;Другой контакт</translation>
    </message>
    <message>
        <source>Other contact</source>
        <translation>Другой контакт</translation>
    </message>
    <message>
        <source>No&amp;tes</source>
        <translation>За&amp;метки</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>&amp;Legal basis / consent</source>
        <translation>Правовое &amp;основание / согласие</translation>
    </message>
    <message>
        <source>Legal basis / consent</source>
        <translation>Правовое основание / согласие</translation>
    </message>
    <message>
        <source>&amp;Review date</source>
        <translation>Дата пере&amp;смотра</translation>
    </message>
    <message>
        <source>Review date</source>
        <translation>Дата пересмотра</translation>
    </message>
</context>
<context>
    <name>ProtectedMarker</name>
    <message>
        <source>▲ Inside Russia — protected</source>
        <translation>▲ В России — под защитой</translation>
    </message>
    <message>
        <source>This person lives inside Russia. The record and every tie that touches it are protected: left out of exports unless explicitly included.</source>
        <translation>Этот человек живёт в России. Запись и все связи с ней защищены: они не попадают в экспорт, если их не включить явно.</translation>
    </message>
    <message>
        <source>This record was decided the same as a record that is protected (inside Russia or marked protected). It is treated as protected everywhere: exports, the network view and the briefing.</source>
        <translation>Эта запись признана тем же, что и защищённая запись (в России или отмеченная как защищённая). Она везде считается защищённой: в экспорте, в сети связей и в справке.</translation>
    </message>
    <message>
        <source>▲ Protected — the same as a protected record</source>
        <translation>▲ Под защитой — то же, что защищённая запись</translation>
    </message>
</context>
<context>
    <name>Protection</name>
    <message>
        <source>A protect-now bundle carries only the notice — the record&apos;s id and its raised protection, nothing else — and only that official can open it. When they import it, their copy becomes protected and leaves their exports.</source>
        <translation>Пакет срочной защиты содержит только уведомление — идентификатор записи и её повышенную защиту, больше ничего, — и открыть его может только этот сотрудник. Когда он импортирует пакет, его копия станет защищённой и перестанет попадать в его экспорт.</translation>
    </message>
    <message>
        <source>Age key {0}</source>
        <translation>Ключ age {0}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>From now on this vault treats the record at the lower level, also in the bundles you write; a bundle never lowers anyone else&apos;s copy.</source>
        <translation>С этого момента хранилище считает запись на более низком уровне, в том числе в пакетах, которые вы записываете; пакет никогда не снижает защиту чужих копий.</translation>
    </message>
    <message>
        <source>Gets a protect-now bundle</source>
        <translation>Получит пакет срочной защиты</translation>
    </message>
    <message>
        <source>Holds the record</source>
        <translation>У кого есть запись</translation>
    </message>
    <message>
        <source>Keep it protected</source>
        <translation>Оставить защиту</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Позже</translation>
    </message>
    <message>
        <source>Lower it in this vault</source>
        <translation>Снизить в этом хранилище</translation>
    </message>
    <message>
        <source>Lower protection in this vault only? Officials who hold the record keep it protected; this is recorded in the audit log.</source>
        <translation>Снизить защиту только в этом хранилище? У сотрудников, у которых есть эта запись, она останется защищённой; снижение записывается в журнал аудита.</translation>
    </message>
    <message>
        <source>Lower protection?</source>
        <translation>Снизить защиту?</translation>
    </message>
    <message>
        <source>Not saved: the protection was not lowered. Change the level back, or save again to be asked again.</source>
        <translation>Не сохранено: защита не снижена. Верните прежний уровень или сохраните ещё раз, чтобы ответить снова.</translation>
    </message>
    <message>
        <source>Not verified: verify their card first, then export “Only protection notices” to them</source>
        <translation>Не проверен: сначала проверьте его карточку, затем экспортируйте ему «Только уведомления о защите»</translation>
    </message>
    <message>
        <source>Revoked: nothing is sent to them any more</source>
        <translation>Отозван: ему больше ничего не отправляется</translation>
    </message>
    <message>
        <source>Send each file to its official by any channel; delete it once it was received.</source>
        <translation>Отправьте каждый файл его сотруднику любым способом; удалите файл, когда его получат.</translation>
    </message>
    <message>
        <source>Send manually: export a bundle to this age key with “Only protection notices”</source>
        <translation>Отправьте вручную: экспортируйте пакет на этот ключ age с параметром «Только уведомления о защите»</translation>
    </message>
    <message>
        <source>The record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>These officials hold a copy at the level it had when it was sent. Until they import a protection notice, their copy is not protected and they may pass it on:</source>
        <translation>У этих сотрудников есть копия с тем уровнем, который был при отправке. Пока они не импортируют уведомление о защите, их копия не защищена и они могут передать её дальше:</translation>
    </message>
    <message>
        <source>This record was shared</source>
        <translation>Этой записью уже делились</translation>
    </message>
    <message>
        <source>Unknown official</source>
        <translation>Неизвестный сотрудник</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Что произойдёт</translation>
    </message>
    <message>
        <source>Where to write the protect-now bundles</source>
        <translation>Куда записать пакеты срочной защиты</translation>
    </message>
    <message>
        <source>Who holds the record</source>
        <translation>У кого есть запись</translation>
    </message>
    <message>
        <source>Write protect-now bundles…</source>
        <translation>Записать пакеты срочной защиты…</translation>
    </message>
    <message>
        <source>{0}: already holds it protected — nothing to send.</source>
        <translation>{0}: запись у него уже защищена — отправлять нечего.</translation>
    </message>
    <message>
        <source>“{0}” is now flagged inside Russia and protected, and you shared it before.</source>
        <translation>Запись «{0}» теперь отмечена как «в России» и защищена, а вы уже делились ею.</translation>
    </message>
    <message>
        <source>“{0}” is now protected, and you shared it before.</source>
        <translation>Запись «{0}» теперь защищена, а вы уже делились ею.</translation>
    </message>
</context>
<context>
    <name>RecordListPicker</name>
    <message>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <source>%1: search to add</source>
        <translation>%1: найдите, чтобы добавить</translation>
    </message>
    <message>
        <source>%1: chosen</source>
        <translation>%1: выбрано</translation>
    </message>
    <message>
        <source>Remove from %1</source>
        <translation>Убрать из списка «%1»</translation>
    </message>
    <message>
        <source>Erased record</source>
        <translation>Стёртая запись</translation>
    </message>
</context>
<context>
    <name>RecordPicker</name>
    <message>
        <source>Type to search…</source>
        <translation>Начните вводить для поиска…</translation>
    </message>
    <message>
        <source>Protected record</source>
        <translation>Защищённая запись</translation>
    </message>
    <message>
        <source>No matching record</source>
        <translation>Подходящих записей нет</translation>
    </message>
</context>
<context>
    <name>RecordView</name>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>%1, received from %2</source>
        <translation>%1, получено от %2</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Копировать: %1</translation>
    </message>
    <message>
        <source>Copy %1; the clipboard is cleared after 30 seconds</source>
        <translation>Копировать: %1; буфер обмена будет очищен через 30 секунд</translation>
    </message>
    <message>
        <source>→ to</source>
        <translation>→ к</translation>
    </message>
    <message>
        <source>← from</source>
        <translation>← от</translation>
    </message>
    <message numerus="yes">
        <source>Copied. The clipboard will be cleared in %n second(s).</source>
        <translation>
            <numerusform>Скопировано. Буфер обмена будет очищен через %n секунду.</numerusform>
            <numerusform>Скопировано. Буфер обмена будет очищен через %n секунды.</numerusform>
            <numerusform>Скопировано. Буфер обмена будет очищен через %n секунд.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the other end of the tie first.</source>
        <translation>Сначала выберите второй конец связи.</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>Record name</source>
        <translation>Название записи</translation>
    </message>
    <message>
        <source>Record kind</source>
        <translation>Вид записи</translation>
    </message>
    <message>
        <source>Sensitivity level</source>
        <translation>Уровень доступа</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>Защита</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <source>Edit record</source>
        <translation>Изменить запись</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>&amp;Fields</source>
        <translation>&amp;Поля</translation>
    </message>
    <message>
        <source>Fields with who last set them and when</source>
        <translation>Поля: кто и когда изменял их последним</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Last set</source>
        <translation>Изменено</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>&amp;Copy contact</source>
        <translation>&amp;Копировать контакт</translation>
    </message>
    <message>
        <source>Copy the selected contact detail</source>
        <translation>Копировать выбранный контакт</translation>
    </message>
    <message>
        <source>&amp;Ties</source>
        <translation>&amp;Связи</translation>
    </message>
    <message>
        <source>Ties of this record</source>
        <translation>Связи этой записи</translation>
    </message>
    <message>
        <source>Direction: to the other end, or from it</source>
        <translation>Направление: к другой стороне или от неё</translation>
    </message>
    <message>
        <source>Kind of tie</source>
        <translation>Вид связи</translation>
    </message>
    <message>
        <source>Other end</source>
        <translation>Второй конец</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Уровень доступа</translation>
    </message>
    <message>
        <source>Edit t&amp;ie…</source>
        <translation>Изменить с&amp;вязь…</translation>
    </message>
    <message>
        <source>Edit the selected tie</source>
        <translation>Изменить выбранную связь</translation>
    </message>
    <message>
        <source>&amp;Open other end</source>
        <translation>&amp;Открыть второй конец</translation>
    </message>
    <message>
        <source>Open the other end of the selected tie</source>
        <translation>Открыть второй конец выбранной связи</translation>
    </message>
    <message>
        <source>Tie &amp;to</source>
        <translation>Связь &amp;с</translation>
    </message>
    <message>
        <source>Other end of the new tie</source>
        <translation>Второй конец новой связи</translation>
    </message>
    <message>
        <source>Type to search people and organisations</source>
        <translation>Начните вводить для поиска людей и организаций</translation>
    </message>
    <message>
        <source>Kind of the new tie</source>
        <translation>Вид новой связи</translation>
    </message>
    <message>
        <source>&amp;Add tie</source>
        <translation>&amp;Добавить связь</translation>
    </message>
    <message>
        <source>Add a tie from this record to the chosen one</source>
        <translation>Добавить связь от этой записи к выбранной</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Passphrase strength</source>
        <translation>Надёжность парольной фразы</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Новая парольная фраза</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>Ещё раз</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Надёжность</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Парольные фразы не совпадают.</translation>
    </message>
    <message>
        <source>From a backup…</source>
        <translation>Из резервной копии…</translation>
    </message>
    <message>
        <source>The laptop was wiped or the vault folder lost: recover the vault held in a backup file (.rbackup) into this folder.</source>
        <translation>Ноутбук стёрт или папка хранилища утеряна: восстановите хранилище из файла резервной копии (.rbackup) в эту папку.</translation>
    </message>
    <message>
        <source>Use the vault folder</source>
        <translation>Взять папку хранилища</translation>
    </message>
    <message>
        <source>The vault: the vault folder on this computer.</source>
        <translation>Хранилище: папка хранилища на этом компьютере.</translation>
    </message>
    <message>
        <source>The vault: the backup {0}.</source>
        <translation>Хранилище: резервная копия {0}.</translation>
    </message>
    <message>
        <source>The vault: choose the backup file to recover (there is no vault folder on this computer).</source>
        <translation>Хранилище: выберите файл резервной копии для восстановления (папки хранилища на этом компьютере нет).</translation>
    </message>
    <message>
        <source>Recover with colleagues</source>
        <translation>Восстановление с помощью коллег</translation>
    </message>
    <message>
        <source>If you set up recovery shares, the colleagues who hold them can open this vault again together. Choose the new passphrase now: the request you send them is sealed to a one-time key that only this passphrase opens here. Then send the request file to your custodians.</source>
        <translation>Если вы раздали доли для восстановления, коллеги, у которых они хранятся, вместе могут снова открыть это хранилище. Выберите новую парольную фразу сейчас: запрос, который вы им отправите, привязан к одноразовому ключу, и здесь его открывает только эта фраза. Затем отправьте файл запроса хранителям долей.</translation>
    </message>
    <message>
        <source>Write the request…</source>
        <translation>Сохранить запрос…</translation>
    </message>
    <message>
        <source>The request is in {0}. Send it to each custodian by any channel.</source>
        <translation>Запрос сохранён в {0}. Отправьте его каждому хранителю любым способом.</translation>
    </message>
    <message>
        <source>Then call each of them, or meet them, and read out this safety number: they type it into their app, and release their share only if it is the number their copy of the request shows. Never send the number the way you sent the file.</source>
        <translation>Затем позвоните каждому или встретьтесь и прочитайте вслух этот код безопасности: хранитель вводит его в своё приложение и выдаёт долю, только если код совпадает с кодом его копии запроса. Никогда не отправляйте код тем же путём, что и файл.</translation>
    </message>
    <message>
        <source>Their responses come back as files. When you have enough of them, choose Complete recovery… and type this same new passphrase. Making another request makes this one useless.</source>
        <translation>Ответы придут файлами. Когда их будет достаточно, выберите «Завершить восстановление…» и введите эту же новую парольную фразу. Новый запрос делает этот бесполезным.</translation>
    </message>
    <message>
        <source>The vault is open again. It has your new passphrase and a new data key: the key file and backups made before open nothing current, and the shares used are revoked.</source>
        <translation>Хранилище снова открыто. У него новая парольная фраза и новый ключ данных: прежний файл ключа и сделанные раньше резервные копии не открывают текущие данные, а использованные доли отозваны.</translation>
    </message>
    <message>
        <source>New share files were made for the same colleagues: send them (Vault → Recovery shares… → Write share files…).</source>
        <translation>Для тех же коллег созданы новые файлы долей: отправьте их (Хранилище → Доли для восстановления… → Сохранить файлы долей…).</translation>
    </message>
    <message>
        <source>Set up recovery shares again (Vault → Recovery shares…).</source>
        <translation>Раздайте доли для восстановления заново (Хранилище → Доли для восстановления…).</translation>
    </message>
    <message>
        <source>It holds the backup of {0}.</source>
        <translation>В нём резервная копия от {0}.</translation>
    </message>
    <message>
        <source>The folder that was here was kept at {0}; once the recovered vault works, delete it.</source>
        <translation>Папка, которая была здесь, сохранена в {0}; когда убедитесь, что восстановленное хранилище работает, удалите её.</translation>
    </message>
    <message>
        <source>Complete recovery</source>
        <translation>Завершение восстановления</translation>
    </message>
    <message>
        <source>Add the response files your custodians sent, and type any paper shares. Then type the new passphrase you chose when you made the request (with paper shares alone, choose a new one now).</source>
        <translation>Добавьте файлы ответов, которые прислали хранители, и введите бумажные доли, если они есть. Затем введите новую парольную фразу, выбранную при создании запроса (если у вас только бумажные доли, выберите новую сейчас).</translation>
    </message>
    <message>
        <source>Replace the vault in this folder (it is kept beside it)</source>
        <translation>Заменить хранилище в этой папке (старое останется рядом)</translation>
    </message>
    <message>
        <source>Add responses…</source>
        <translation>Добавить ответы…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <source>Paper shares: the words of each share, with an empty line between shares (the numbers before the words may be left out).</source>
        <translation>Бумажные доли: слова каждой доли, между долями пустая строка (номера перед словами можно не вводить).</translation>
    </message>
    <message>
        <source>Open the vault</source>
        <translation>Открыть хранилище</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <source>Checking every share…</source>
        <translation>Проверка каждой доли…</translation>
    </message>
    <message>
        <source>Lost the laptop or its vault, and forgot the passphrase? With a backup of the vault and the colleagues who hold your recovery shares, recover it here: choose the backup in the next step.</source>
        <translation>Потеряли ноутбук или хранилище и забыли парольную фразу? Если есть резервная копия хранилища и коллеги, у которых хранятся ваши доли для восстановления, восстановите его здесь: резервную копию вы выберете на следующем шаге.</translation>
    </message>
    <message>
        <source>Recover with colleagues…</source>
        <translation>Восстановить с помощью коллег…</translation>
    </message>
    <message>
        <source>Lost the passphrase? Ask the colleagues who hold your recovery shares.</source>
        <translation>Забыли парольную фразу? Обратитесь к коллегам, у которых хранятся ваши доли для восстановления.</translation>
    </message>
    <message>
        <source>Complete recovery…</source>
        <translation>Завершить восстановление…</translation>
    </message>
    <message>
        <source>Safety number</source>
        <translation>Код безопасности</translation>
    </message>
    <message>
        <source>QR code of the safety number</source>
        <translation>QR-код кода безопасности</translation>
    </message>
    <message>
        <source>Folder for the colleagues&apos; share files</source>
        <translation>Папка для файлов долей коллег</translation>
    </message>
    <message>
        <source>Keep a colleague&apos;s recovery share</source>
        <translation>Принять долю коллеги на хранение</translation>
    </message>
    <message>
        <source>Recovery shares (*.rshare);;All files (*)</source>
        <translation>Доли для восстановления (*.rshare);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Answer a recovery request</source>
        <translation>Ответ на запрос восстановления</translation>
    </message>
    <message>
        <source>Recovery requests (*.json);;All files (*)</source>
        <translation>Запросы восстановления (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Save your response</source>
        <translation>Сохранить ответ</translation>
    </message>
    <message>
        <source>Recovery responses (*.json);;All files (*)</source>
        <translation>Ответы на запросы восстановления (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Save the recovery request</source>
        <translation>Сохранить запрос восстановления</translation>
    </message>
    <message>
        <source>The custodians&apos; responses</source>
        <translation>Ответы хранителей</translation>
    </message>
    <message>
        <source>The backup to recover</source>
        <translation>Резервная копия для восстановления</translation>
    </message>
    <message>
        <source>Registry backups (*.rbackup);;All files (*)</source>
        <translation>Резервные копии Реестра (*.rbackup);;Все файлы (*)</translation>
    </message>
    <message>
        <source>The number you typed is not this request&apos;s safety number. The request may not come from the colleague you spoke to. Nothing was released: call them again and compare every digit.</source>
        <translation>Введённый код не совпадает с кодом безопасности этого запроса. Возможно, запрос сделал не тот коллега, с которым вы говорили. Доля не выдана: позвоните ещё раз и сверьте каждую цифру.</translation>
    </message>
    <message>
        <source>You answered another recovery request for this vault in the last {0} hours, and a second one is refused in case someone else is asking. Call the colleague; only if they confirm that both requests are theirs, tick the box below and release again. Nothing was released.</source>
        <translation>За последние {0} ч вы уже ответили на другой запрос восстановления этого хранилища; второй отклоняется на случай, если запрашивает кто-то другой. Позвоните коллеге; только если он подтвердит, что оба запроса его, отметьте пункт ниже и выдайте долю снова. Доля не выдана.</translation>
    </message>
    <message>
        <source>Release anyway: the colleague confirmed both requests</source>
        <translation>Всё равно выдать: коллега подтвердил оба запроса</translation>
    </message>
    <message>
        <source>Release my share…</source>
        <translation>Выдать мою долю…</translation>
    </message>
    <message>
        <source>A recovery request made on {0} for the vault of {1}.</source>
        <translation>Запрос восстановления, созданный {0}. Владелец хранилища: {1}.</translation>
    </message>
    <message>
        <source>You hold no recovery share of the vault this request is for: there is nothing to release.</source>
        <translation>У вас нет доли хранилища, для которого сделан этот запрос: выдавать нечего.</translation>
    </message>
    <message>
        <source>Call the colleague yourself, on a number you know is theirs, or meet them; never confirm by a message on the channel the request came by. Ask them to read out the safety number on their screen and type it below. Your share is released only if it is this number.</source>
        <translation>Сами позвоните коллеге по номеру, который точно его, или встретьтесь; никогда не подтверждайте сообщением по тому каналу, по которому пришёл запрос. Попросите коллегу прочитать вслух код безопасности с его экрана и введите его ниже. Доля выдаётся, только если это тот же код.</translation>
    </message>
    <message>
        <source>If you answered another request for this vault in the last {0} hours, this one is refused: someone else may be trying to open your colleague&apos;s vault. Override it only when they confirm both requests are theirs.</source>
        <translation>Если за последние {0} ч вы уже ответили на другой запрос для этого хранилища, этот будет отклонён: возможно, кто-то другой пытается открыть хранилище коллеги. Снимайте запрет, только если коллега подтвердит, что оба запроса его.</translation>
    </message>
    <message>
        <source>Whose vault</source>
        <translation>Чьё хранилище</translation>
    </message>
    <message>
        <source>Number they read out</source>
        <translation>Код, который прочитал коллега</translation>
    </message>
    <message>
        <source>Your share of {0}&apos;s vault is in {1}, sealed to this request&apos;s one-time key. Send the file to them.</source>
        <translation>Ваша доля (владелец хранилища: {0}) сохранена в {1} и зашифрована одноразовым ключом этого запроса. Отправьте файл владельцу.</translation>
    </message>
    <message>
        <source>Choose at least two shares in all: colleagues and paper shares together.</source>
        <translation>Выберите всего не меньше двух долей: коллег и бумажных долей вместе.</translation>
    </message>
    <message>
        <source>At most 16 shares in all: choose fewer colleagues or paper shares.</source>
        <translation>Всего не больше 16 долей: выберите меньше коллег или бумажных долей.</translation>
    </message>
    <message>
        <source>It cannot take more shares than there are: choose at most {0}.</source>
        <translation>Нельзя требовать больше долей, чем их есть: выберите не больше {0}.</translation>
    </message>
    <message>
        <source>Shares in all: {0}. Any {1} of them can open the vault together, even if you have forgotten your passphrase; fewer than {1} open nothing and learn nothing about it. Choose a number that no one or two people can reach alone, and that you still reach if a custodian is away or a paper is lost.</source>
        <translation>Всего долей: {0}. Любые {1} из них вместе открывают хранилище, даже если вы забыли парольную фразу; меньше {1} не открывают ничего и ничего о нём не выдают. Выберите число, которого не наберут один-два человека сами, но которое вы наберёте, даже если хранитель в отъезде или бумага потеряна.</translation>
    </message>
    <message>
        <source>Set up recovery shares</source>
        <translation>Раздать доли для восстановления</translation>
    </message>
    <message>
        <source>Split this vault&apos;s key among people you trust. Each colleague you tick gets a share file that only they can open; each paper share is shown to you once, as words to write down and keep in a safe.</source>
        <translation>Разделите ключ этого хранилища между людьми, которым доверяете. Каждый отмеченный коллега получит файл доли, который может открыть только он; каждая бумажная доля будет показана вам один раз в виде слов, которые нужно записать и хранить в сейфе.</translation>
    </message>
    <message>
        <source>You have verified no colleague yet: choose paper shares, or verify a colleague&apos;s card first (Sharing → Trusted officials).</source>
        <translation>Вы ещё не проверили ни одного коллеги: выберите бумажные доли или сначала проверьте карточку коллеги (Обмен → Доверенные сотрудники).</translation>
    </message>
    <message>
        <source>Paper shares</source>
        <translation>Бумажные доли</translation>
    </message>
    <message>
        <source>Shares needed to open the vault</source>
        <translation>Долей нужно, чтобы открыть</translation>
    </message>
    <message>
        <source>Setting up again first replaces the vault&apos;s data key, so the shares you gave before open nothing. Type your passphrase to do so.</source>
        <translation>Новая раздача сначала заменяет ключ данных хранилища, и розданные раньше доли больше ничего не открывают. Для этого введите свою парольную фразу.</translation>
    </message>
    <message>
        <source>Your passphrase</source>
        <translation>Ваша парольная фраза</translation>
    </message>
    <message>
        <source>Set up</source>
        <translation>Раздать</translation>
    </message>
    <message>
        <source>Recovery set made: any {0} of its {1} shares open the vault.</source>
        <translation>Доли розданы: хранилище открывают любые {0} из {1}.</translation>
    </message>
    <message>
        <source>The data key was replaced first: the shares given before open nothing.</source>
        <translation>Сначала был заменён ключ данных: розданные раньше доли ничего не открывают.</translation>
    </message>
    <message>
        <source>The share files were not written: {0} Write them with Write share files….</source>
        <translation>Файлы долей не сохранены: {0} Сохраните их кнопкой «Сохранить файлы долей…».</translation>
    </message>
    <message>
        <source>Share files written to {0}. Send each to the colleague it is named for: only they can open it.</source>
        <translation>Файлы долей сохранены в {0}. Отправьте каждый тому коллеге, чьё имя в нём указано: открыть его может только он.</translation>
    </message>
    <message>
        <source>Your next bundle to each of these colleagues carries their share as well, sealed so that only they can open it.</source>
        <translation>Ваш следующий пакет каждому из этих коллег тоже несёт его долю, запечатанную так, что открыть её может только он.</translation>
    </message>
    <message>
        <source>Paper shares — write them down now</source>
        <translation>Бумажные доли — запишите их сейчас</translation>
    </message>
    <message>
        <source>Write this share down by hand now, word by word, and keep the paper in a safe. It is shown only this once and saved nowhere: not in the vault, not in a file. Whoever holds {0} shares can open the vault.</source>
        <translation>Запишите эту долю от руки сейчас, слово за словом, и храните бумагу в сейфе. Она показывается только один раз и нигде не сохраняется: ни в хранилище, ни в файле. Открыть хранилище может любой, у кого наберётся столько долей: {0}.</translation>
    </message>
    <message>
        <source>Paper share {0} of {1}</source>
        <translation>Бумажная доля {0} из {1}</translation>
    </message>
    <message>
        <source>I have written down this share and checked every word</source>
        <translation>Я записал эту долю и сверил каждое слово</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Next share</source>
        <translation>Следующая доля</translation>
    </message>
    <message>
        <source>No recovery set. If you forget your passphrase, this vault is lost for good. Set one up: split the vault&apos;s key among colleagues you verified, or paper shares for a safe, so that a few of them together can open it again.</source>
        <translation>Доли для восстановления не розданы. Если вы забудете парольную фразу, хранилище будет потеряно навсегда. Раздайте доли: разделите ключ хранилища между проверенными коллегами или бумажными долями для сейфа, чтобы несколько долей вместе могли снова его открыть.</translation>
    </message>
    <message>
        <source>Since {0}: any {1} of these {2} shares open the vault together; fewer open nothing.</source>
        <translation>С {0}: любые {1} из этих {2} долей вместе открывают хранилище; меньше — не открывают ничего.</translation>
    </message>
    <message>
        <source>Share {0}: on paper</source>
        <translation>Доля {0}: на бумаге</translation>
    </message>
    <message>
        <source>Share {0}: {1}</source>
        <translation>Доля {0}: {1}</translation>
    </message>
    <message>
        <source>(share file not written yet)</source>
        <translation>(файл доли ещё не сохранён)</translation>
    </message>
    <message>
        <source>handed their post over: their share still counts. Set up again and choose their successor instead.</source>
        <translation>передал(а) дела, но эта доля всё ещё действует. Раздайте доли заново и выберите вместо этого хранителя его преемника.</translation>
    </message>
    <message>
        <source>no longer trusted here, yet their share still counts. Set up again without them.</source>
        <translation>здесь больше не в числе доверенных, но эта доля всё ещё действует. Раздайте доли заново без этого хранителя.</translation>
    </message>
    <message>
        <source>held</source>
        <translation>хранится</translation>
    </message>
    <message>
        <source>replaced by a newer share</source>
        <translation>заменена более новой долей</translation>
    </message>
    <message>
        <source>Recovery shares</source>
        <translation>Доли для восстановления</translation>
    </message>
    <message>
        <source>Your recovery set</source>
        <translation>Ваши доли для восстановления</translation>
    </message>
    <message>
        <source>Set up…</source>
        <translation>Раздать…</translation>
    </message>
    <message>
        <source>Write share files…</source>
        <translation>Сохранить файлы долей…</translation>
    </message>
    <message>
        <source>Write the share files not written yet (after the data key was rotated, the same colleagues get new ones)</source>
        <translation>Сохранить ещё не сохранённые файлы долей (после замены ключа данных те же коллеги получают новые)</translation>
    </message>
    <message>
        <source>Shares I hold for colleagues</source>
        <translation>Доли коллег у меня на хранении</translation>
    </message>
    <message>
        <source>Keep a share file…</source>
        <translation>Принять файл доли…</translation>
    </message>
    <message>
        <source>Answer a recovery request…</source>
        <translation>Ответить на запрос восстановления…</translation>
    </message>
    <message>
        <source>Set up again…</source>
        <translation>Раздать заново…</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>С</translation>
    </message>
    <message>
        <source>Shares needed</source>
        <translation>Нужно долей</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} из {1}</translation>
    </message>
    <message>
        <source>A colleague&apos;s share stays sealed to your key. You release it only to a recovery request whose safety number you compared with them.</source>
        <translation>Доля коллеги остаётся зашифрованной вашим ключом. Вы выдаёте её только по запросу восстановления, код безопасности которого сверили с коллегой.</translation>
    </message>
    <message>
        <source>You hold no recovery share of a colleague.</source>
        <translation>У вас на хранении нет долей коллег.</translation>
    </message>
    <message>
        <source>No share file was waiting.</source>
        <translation>Несохранённых файлов долей нет.</translation>
    </message>
    <message>
        <source>You now hold a recovery share of {0}&apos;s vault. It stays sealed to your key; you release it only to a request you confirm with them.</source>
        <translation>Теперь у вас на хранении доля для восстановления хранилища (владелец: {0}). Она остаётся зашифрованной вашим ключом; вы выдадите её только по запросу, который подтвердите с владельцем.</translation>
    </message>
    <message>
        <source>You already held this share of {0}&apos;s vault.</source>
        <translation>Эта доля (владелец хранилища: {0}) уже была у вас на хранении.</translation>
    </message>
    <message>
        <source>&amp;Recovery shares…</source>
        <translation>&amp;Доли для восстановления…</translation>
    </message>
    <message>
        <source>{0} holds one of the recovery shares of this vault. Whoever has their laptop may have that share too. So this also replaces the vault&apos;s key: every share given so far stops working, and your other custodians get new shares, which you then send them. If some shares were on paper, new paper shares are shown to you once, to write down. Type your passphrase to do this.</source>
        <translation>У сотрудника {0} одна из долей для восстановления этого хранилища. У того, кто завладел его ноутбуком, может оказаться и эта доля. Поэтому ключ хранилища тоже будет заменён: все выданные доли перестанут действовать, а остальные хранители получат новые — их вы затем отправите им. Если были бумажные доли, новые бумажные доли будут показаны вам один раз, чтобы вы их записали. Введите парольную фразу, чтобы это сделать.</translation>
    </message>
    <message>
        <source>Make the successor a custodian in their place</source>
        <translation>Сделать преемника хранителем вместо него</translation>
    </message>
    <message>
        <source>{0} held a recovery share: the vault&apos;s key was replaced. Too few shares were left, so this vault has no recovery set now: set one up again in Vault → Recovery shares….</source>
        <translation>У сотрудника {0} была доля для восстановления: ключ хранилища заменён. Долей осталось слишком мало, поэтому сейчас у хранилища нет набора долей: раздайте их заново (Хранилище → Доли для восстановления…).</translation>
    </message>
    <message>
        <source>{0} held a recovery share: the vault&apos;s key was replaced and your other custodians have new shares. Write their share files in Vault → Recovery shares… and send them.</source>
        <translation>У сотрудника {0} была доля для восстановления: ключ хранилища заменён, у остальных хранителей новые доли. Сохраните их файлы долей (Хранилище → Доли для восстановления…) и отправьте им.</translation>
    </message>
</context>
<context>
    <name>RegionMap</name>
    <message>
        <source>Crimea</source>
        <translation>Крым</translation>
    </message>
    <message>
        <source>Sevast.</source>
        <comment>Sevastopol, shortened to fit a map tile</comment>
        <translation>Севаст.</translation>
    </message>
</context>
<context>
    <name>RegionPicker</name>
    <message>
        <source>occupied Ukrainian territory</source>
        <translation>оккупированная территория Украины</translation>
    </message>
</context>
<context>
    <name>SectionView</name>
    <message>
        <source>Search in Latin or Cyrillic (Ctrl+F)</source>
        <translation>Поиск латиницей или кириллицей (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Создать</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>Новая запись</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Записи</translation>
    </message>
    <message>
        <source>Number of records shown</source>
        <translation>Число показанных записей</translation>
    </message>
</context>
<context>
    <name>SensitivityBadge</name>
    <message>
        <source>Sensitivity: %1</source>
        <translation>Уровень доступа: %1</translation>
    </message>
    <message>
        <source>Sensitivity of the whole record: %1</source>
        <translation>Уровень доступа всей записи: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
    <message>
        <source>Settings — Registry</source>
        <translation>Настройки — Реестр</translation>
    </message>
    <message>
        <source>&amp;Lock after idle:</source>
        <translation>&amp;Блокировать после простоя:</translation>
    </message>
    <message>
        <source>Minutes of inactivity before locking</source>
        <translation>Минут бездействия до блокировки</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Язык интерфейса</translation>
    </message>
    <message>
        <source>Copied contact details are cleared from the clipboard after 30 seconds.</source>
        <translation>Скопированные контакты удаляются из буфера обмена через 30 секунд.</translation>
    </message>
</context>
<context>
    <name>Sharing</name>
    <message>
        <source>Save your card</source>
        <translation>Сохранение вашей карточки</translation>
    </message>
    <message>
        <source>Registry cards (*.card);;All files (*)</source>
        <translation>Карточки Реестра (*.card);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Your card</source>
        <translation>Ваша карточка</translation>
    </message>
    <message>
        <source>QR code of your card</source>
        <translation>QR-код вашей карточки</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Отпечаток ключа</translation>
    </message>
    <message>
        <source>Save card…</source>
        <translation>Сохранить карточку…</translation>
    </message>
    <message>
        <source>Copy fingerprint</source>
        <translation>Копировать отпечаток</translation>
    </message>
    <message>
        <source>Show QR code</source>
        <translation>Показать QR-код</translation>
    </message>
    <message>
        <source>Hide QR code</source>
        <translation>Скрыть QR-код</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <source>Give this card (the file or the QR code) to officials you exchange bundles with. Then compare the safety number with each of them by a channel you trust: in person, a video or phone call.</source>
        <translation>Передайте эту карточку (файл или QR-код) сотрудникам, с которыми вы обмениваетесь пакетами. Затем сверьте код безопасности с каждым из них по каналу, которому доверяете: лично, по видео- или телефонной связи.</translation>
    </message>
    <message>
        <source>Fingerprint copied.</source>
        <translation>Отпечаток скопирован.</translation>
    </message>
    <message>
        <source>Card saved to {0}.</source>
        <translation>Карточка сохранена в {0}.</translation>
    </message>
    <message>
        <source>Compared the safety number (in person, by video or phone call)</source>
        <translation>Код безопасности сверен (лично, по видео- или телефонной связи)</translation>
    </message>
    <message>
        <source>Scanned their QR code in person</source>
        <translation>QR-код отсканирован при личной встрече</translation>
    </message>
    <message>
        <source>Checked their card in person</source>
        <translation>Карточка проверена при личной встрече</translation>
    </message>
    <message>
        <source>Another way</source>
        <translation>Другим способом</translation>
    </message>
    <message>
        <source>safety number</source>
        <translation>код безопасности</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>QR-код</translation>
    </message>
    <message>
        <source>in person</source>
        <translation>лично</translation>
    </message>
    <message>
        <source>other</source>
        <translation>другое</translation>
    </message>
    <message>
        <source>by succession — compare the safety number</source>
        <translation>по передаче дел — сверьте код безопасности</translation>
    </message>
    <message>
        <source>Write the bundle</source>
        <translation>Запись пакета</translation>
    </message>
    <message>
        <source>Registry bundles (*.rbundle)</source>
        <translation>Пакеты Реестра (*.rbundle)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Of them inside Russia</source>
        <translation>Из них в России</translation>
    </message>
    <message>
        <source>Sensitive fields revealed</source>
        <translation>Раскрываемые чувствительные поля</translation>
    </message>
    <message>
        <source>Records in the bundle</source>
        <translation>Записей в пакете</translation>
    </message>
    <message>
        <source>Leave them out (recommended)</source>
        <translation>Не включать их (рекомендуется)</translation>
    </message>
    <message>
        <source>Pseudonyms only: the shape of the network and the federal district, no names or details</source>
        <translation>Только псевдонимы: структура сети и федеральный округ, без имён и подробностей</translation>
    </message>
    <message>
        <source>Include them with their details</source>
        <translation>Включить их со всеми сведениями</translation>
    </message>
    <message>
        <source>Export a bundle</source>
        <translation>Экспорт пакета</translation>
    </message>
    <message>
        <source>Checking and merging records…</source>
        <translation>Проверка и слияние записей…</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; Назад</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>Далее &gt;</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Who may read this bundle?&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Кто сможет прочитать этот пакет?&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Verified officials:</source>
        <translation>Проверенные сотрудники:</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Получатели</translation>
    </message>
    <message>
        <source>Only verified officials can receive bundles: verify an official in the Sharing section first.</source>
        <translation>Получать пакеты могут только проверенные сотрудники: сначала проверьте сотрудника в разделе «Обмен».</translation>
    </message>
    <message>
        <source>Other recipients by age public key (age1…), one per line:</source>
        <translation>Другие получатели по открытому ключу age (age1…), по одному в строке:</translation>
    </message>
    <message>
        <source>Age recipients</source>
        <translation>Получатели age</translation>
    </message>
    <message>
        <source>&lt;h3&gt;What goes in?&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Что войдёт в пакет?&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Highest sensitivity sent</source>
        <translation>Наивысший передаваемый уровень доступа</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Охват</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Всё</translation>
    </message>
    <message>
        <source>Only what changed since the last bundle to these recipients</source>
        <translation>Только изменения с последнего пакета этим получателям</translation>
    </message>
    <message>
        <source>Only these records:</source>
        <translation>Только эти записи:</translation>
    </message>
    <message>
        <source>Records to export</source>
        <translation>Записи для экспорта</translation>
    </message>
    <message>
        <source>Kinds of records:</source>
        <translation>Виды записей:</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Exposure preview&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Что будет раскрыто&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Nothing has been written yet. Go back to change the recipients or the options.</source>
        <translation>Пока ничего не записано. Вернитесь назад, чтобы изменить получателей или параметры.</translation>
    </message>
    <message>
        <source>Write bundle…</source>
        <translation>Записать пакет…</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Bundle written&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Пакет записан&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>[revoked]</source>
        <translation>[отозван]</translation>
    </message>
    <message>
        <source>[not verified]</source>
        <translation>[не проверен]</translation>
    </message>
    <message>
        <source>Choose at least one kind of record.</source>
        <translation>Выберите хотя бы один вид записей.</translation>
    </message>
    <message>
        <source>Choose the records to export, or another scope.</source>
        <translation>Выберите записи для экспорта или другой охват.</translation>
    </message>
    <message>
        <source>To: {0}. Highest sensitivity: {1}. Protected people: {2}.</source>
        <translation>Кому: {0}. Наивысший уровень доступа: {1}. Защищённые люди: {2}.</translation>
    </message>
    <message>
        <source>Written to {0}.
Bundle id: {1}.
Only the recipients you named can open it. Send it by any channel; delete it once it was received.</source>
        <translation>Записан в {0}.
Идентификатор пакета: {1}.
Открыть его могут только указанные вами получатели. Отправьте его любым способом; удалите, когда его получат.</translation>
    </message>
    <message>
        <source>Import reverted: {0}, {1}, {2}.</source>
        <translation>Импорт отменён: {0}, {1}, {2}.</translation>
    </message>
    <message>
        <source>Revert an import</source>
        <translation>Отмена импорта</translation>
    </message>
    <message>
        <source>Revert this import? The values it overwrote come back and the records it created are deleted, as new edits of yours that travel in your next bundles. Fields changed since the import stay as they are; erasures cannot be undone.</source>
        <translation>Отменить этот импорт? Перезаписанные им значения вернутся, а созданные им записи будут удалены — как ваши новые правки, которые уйдут в ваших следующих пакетах. Поля, изменённые после импорта, останутся как есть; стирание отменить нельзя.</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Revert…</source>
        <translation>Отменить…</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Импортирован</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Отправитель</translation>
    </message>
    <message>
        <source>Bundle created</source>
        <translation>Пакет создан</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Записи</translation>
    </message>
    <message>
        <source>Reverted</source>
        <translation>Отменён</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Choose bundles to import</source>
        <translation>Выберите пакеты для импорта</translation>
    </message>
    <message>
        <source>this vault (your own bundle)</source>
        <translation>это хранилище (ваш собственный пакет)</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>проверен</translation>
    </message>
    <message>
        <source>NOT verified</source>
        <translation>НЕ проверен</translation>
    </message>
    <message>
        <source>REVOKED</source>
        <translation>ОТОЗВАН</translation>
    </message>
    <message>
        <source>unknown (not in your trust store)</source>
        <translation>неизвестен (нет в вашем списке доверия)</translation>
    </message>
    <message>
        <source>The bundle&apos;s sender is not in the trust store: refused. Add and verify their card first.</source>
        <translation>Отправителя пакета нет в вашем списке доверия. Сначала добавьте и проверьте его карточку.</translation>
    </message>
    <message>
        <source>The bundle&apos;s sender is trusted but not verified: refused. Compare the safety number with them (Trusted officials → Verify…), or import from them knowingly.</source>
        <translation>Отправитель пакета есть в списке доверия, но не проверен. Сверьте с ним код безопасности (Доверенные сотрудники → Проверить…) или импортируйте, сознавая риск.</translation>
    </message>
    <message>
        <source>The bundle&apos;s sender was revoked: refused.</source>
        <translation>Ключ отправителя пакета отозван.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sender:&lt;/b&gt; {0}&lt;br&gt;&lt;b&gt;Fingerprint:&lt;/b&gt; {1}&lt;br&gt;&lt;b&gt;Trust:&lt;/b&gt; {2}&lt;br&gt;&lt;b&gt;Created:&lt;/b&gt; {3}</source>
        <translation>&lt;b&gt;Отправитель:&lt;/b&gt; {0}&lt;br&gt;&lt;b&gt;Отпечаток ключа:&lt;/b&gt; {1}&lt;br&gt;&lt;b&gt;Доверие:&lt;/b&gt; {2}&lt;br&gt;&lt;b&gt;Создан:&lt;/b&gt; {3}</translation>
    </message>
    <message>
        <source>&lt;b&gt;The bundle calls its sender:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;В пакете отправитель назван так:&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Would change:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Будет изменено:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Changed:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Изменено:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your own edits that would be overwritten:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ваши правки, которые будут перезаписаны:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your own edits overwritten:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Перезаписаны ваши правки:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Deleted:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Удалено:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Erased for good:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Стёрто безвозвратно:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Erasures that wait for your decision (Held changes):&lt;/b&gt;</source>
        <translation>&lt;b&gt;Удаления навсегда, ожидающие вашего решения (вкладка «Ожидают решения»):&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Changes not applied:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Изменения не применены:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>its deletion</source>
        <translation>её удаление</translation>
    </message>
    <message>
        <source>&lt;b&gt;New or renamed records that would be protected until you review them in Duplicates (each may be someone protected here):&lt;/b&gt;</source>
        <translation>&lt;b&gt;Новые или переименованные записи, которые будут защищены, пока вы не проверите их в разделе «Дубликаты» (каждая может быть человеком, который здесь защищён):&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;New or renamed records protected until you review them in Duplicates (each may be someone protected here):&lt;/b&gt;</source>
        <translation>&lt;b&gt;Новые или переименованные записи защищены, пока вы не проверите их в разделе «Дубликаты» (каждая может быть человеком, который здесь защищён):&lt;/b&gt;</translation>
    </message>
    <message>
        <source>It carries the recovery share you hold for {0} (see Vault → Recovery shares…).</source>
        <translation>В нём доля для восстановления, которую вы храните для {0} (см. Хранилище → Доли для восстановления…).</translation>
    </message>
    <message>
        <source>not made by the evaluation&apos;s assessor</source>
        <translation>внесены не автором оценки</translation>
    </message>
    <message>
        <source>an evaluation not held here: whose it is cannot be shown</source>
        <translation>оценки нет в этом хранилище: нельзя установить, чья она</translation>
    </message>
    <message>
        <source>not the name its assessor is known by here</source>
        <translation>не то имя, под которым здесь известен автор оценки</translation>
    </message>
    <message>
        <source>signed by no official this vault trusts</source>
        <translation>не подписано ни одним доверенным сотрудником</translation>
    </message>
    <message>
        <source>undoes a deletion another official made</source>
        <translation>отменяет удаление, сделанное другим сотрудником</translation>
    </message>
    <message>
        <source>another kind of record under an evaluation&apos;s id</source>
        <translation>запись другого типа под идентификатором оценки</translation>
    </message>
    <message>
        <source>Import bundles</source>
        <translation>Импорт пакетов</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Bundles to import&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Пакеты для импорта&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Bundle files</source>
        <translation>Файлы пакетов</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Добавить файлы…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <source>Each file is checked (signature, sender, payload) and compared with your vault before anything is written.</source>
        <translation>Каждый файл проверяется (подпись, отправитель, содержимое) и сравнивается с вашим хранилищем до того, как что-либо будет записано.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Review before importing&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Проверка перед импортом&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Checked files</source>
        <translation>Проверенные файлы</translation>
    </message>
    <message>
        <source>Add this official from their card first…</source>
        <translation>Сначала добавьте этого сотрудника по его карточке…</translation>
    </message>
    <message>
        <source>Import from this unverified sender…</source>
        <translation>Импортировать от этого непроверенного отправителя…</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Проверить снова</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Import report&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Отчёт об импорте&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Check and preview &gt;</source>
        <translation>Проверить и просмотреть &gt;</translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>Отклонено: {0}</translation>
    </message>
    <message>
        <source>The sender&apos;s card is in your trust store but NOT verified: compare the safety number with them before you rely on this data.</source>
        <translation>Карточка отправителя есть в вашем списке доверия, но НЕ проверена: сверьте с ним код безопасности, прежде чем полагаться на эти данные.</translation>
    </message>
    <message>
        <source>Import from an unverified sender</source>
        <translation>Импорт от непроверенного отправителя</translation>
    </message>
    <message>
        <source>You never compared this official&apos;s safety number. Anyone could have handed you a card in their name, and a bundle signed with it can change your registry. Import only if you are sure the file came from them — better, verify them first (Trusted officials → Verify).</source>
        <translation>Вы не сверяли код безопасности этого сотрудника. Карточку от его имени мог передать кто угодно, а пакет, подписанный ею, может изменить ваш реестр. Импортируйте, только если уверены, что файл пришёл от него, — а лучше сначала проверьте его (Доверенные сотрудники → Проверить).</translation>
    </message>
    <message>
        <source>Import anyway</source>
        <translation>Всё равно импортировать</translation>
    </message>
    <message>
        <source>{0} from {1}</source>
        <translation>{0} от {1}</translation>
    </message>
    <message>
        <source>It hands you, as {0}&apos;s successor, who holds what they shared: accepting their succession statement takes it, so that your flags and erasures reach those colleagues.</source>
        <translation>Он передаёт вам как преемнику {0} сведения о том, у кого хранится то, чем он(а) делился(-ась): примите заявление о передаче дел, чтобы они вступили в силу и ваши отметки и удаления доходили до этих коллег.</translation>
    </message>
    <message>
        <source>Nothing new: the vault already had everything in this bundle.</source>
        <translation>Ничего нового: всё из этого пакета уже есть в хранилище.</translation>
    </message>
    <message>
        <source>Revert this import</source>
        <translation>Отменить этот импорт</translation>
    </message>
    <message>
        <source>Reading records…</source>
        <translation>Чтение записей…</translation>
    </message>
    <message>
        <source>Encrypting and signing…</source>
        <translation>Шифрование и подпись…</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Выполняется…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
    <message>
        <source>Add an official from their card</source>
        <translation>Добавить сотрудника по его карточке</translation>
    </message>
    <message>
        <source>Compare this safety number with the one on their screen, digit by digit, by a channel you trust: in person, or a video or phone call where you recognise them. Never compare it over the channel the card came by. The same number on both screens proves that nobody swapped the keys.</source>
        <translation>Сравните этот код безопасности с кодом на экране собеседника, цифра за цифрой, по каналу, которому вы доверяете: при личной встрече, по видео- или телефонной связи, где вы его узнаёте. Никогда не сверяйте код по тому же каналу, по которому пришла карточка. Одинаковый код на обоих экранах доказывает, что никто не подменил ключи.</translation>
    </message>
    <message>
        <source>REVOKED — bundles refused</source>
        <translation>ОТОЗВАН — пакеты отклоняются</translation>
    </message>
    <message>
        <source>Verified ({0}, {1})</source>
        <translation>Проверен ({0}, {1})</translation>
    </message>
    <message>
        <source>Unverified — KEY CHANGED, verification reset</source>
        <translation>Не проверен — КЛЮЧ ИЗМЕНИЛСЯ, проверка сброшена</translation>
    </message>
    <message>
        <source>Unverified</source>
        <translation>Не проверен</translation>
    </message>
    <message>
        <source>Add an official</source>
        <translation>Добавление сотрудника</translation>
    </message>
    <message>
        <source>Safety number</source>
        <translation>Код безопасности</translation>
    </message>
    <message>
        <source>The numbers match: add as verified, checked by</source>
        <translation>Коды совпадают: добавить как проверенного, способ проверки</translation>
    </message>
    <message>
        <source>Add unverified (compare later; bundles for them cannot be written until verified)</source>
        <translation>Добавить без проверки (сравнить позже; пакеты для него нельзя записать до проверки)</translation>
    </message>
    <message>
        <source>Add official</source>
        <translation>Добавить сотрудника</translation>
    </message>
    <message>
        <source>This key was revoked. It cannot be trusted again.</source>
        <translation>Этот ключ отозван. Ему нельзя снова доверять.</translation>
    </message>
    <message>
        <source>KEY CHANGED: {0} was known under another key ({1}). A new key starts unverified. Ask them, by a channel you trust, why their key changed before you verify it.</source>
        <translation>КЛЮЧ ИЗМЕНИЛСЯ: {0} был известен с другим ключом ({1}). Новый ключ считается непроверенным. Прежде чем проверять его, спросите по надёжному каналу, почему ключ изменился.</translation>
    </message>
    <message>
        <source>This card is already in your trust store ({0}).</source>
        <translation>Эта карточка уже есть в вашем списке доверия ({0}).</translation>
    </message>
    <message>
        <source>Verify an official</source>
        <translation>Проверка сотрудника</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Сотрудник</translation>
    </message>
    <message>
        <source>Checked by</source>
        <translation>Способ проверки</translation>
    </message>
    <message>
        <source>The numbers match: verify</source>
        <translation>Коды совпадают: подтвердить</translation>
    </message>
    <message>
        <source>Revoke and undo what they sent</source>
        <translation>Отозвать и отменить присланное</translation>
    </message>
    <message>
        <source>Revoke {0} and undo every value set by their bundles imported on or after the day you choose: each goes back to the value it replaced, from field history, and records only their bundles made are removed. Choose the last day you are sure their keys were still theirs. You will see what this changes before anything is changed.</source>
        <translation>Отозвать {0} и отменить каждое значение, заданное его пакетами, импортированными в выбранный день или позже: каждое вернётся к значению, которое оно заменило (из истории полей), а записи, созданные только его пакетами, будут удалены. Выберите последний день, когда вы уверены, что ключи ещё были в его руках. Прежде чем что-либо изменится, вы увидите, что именно будет изменено.</translation>
    </message>
    <message>
        <source>Undo what they sent since</source>
        <translation>Отменить присланное начиная с</translation>
    </message>
    <message>
        <source>Show what will change…</source>
        <translation>Показать, что изменится…</translation>
    </message>
    <message>
        <source>Erasures by their bundles cannot be undone: {0}.</source>
        <translation>Стирание данных его пакетами отменить нельзя: {0}.</translation>
    </message>
    <message>
        <source>Their bundles are refused from now on, and a revoked key can never be trusted again. This is one step: all of it is done, or nothing.</source>
        <translation>Его пакеты отныне будут отклоняться, а отозванному ключу больше никогда нельзя будет доверять. Это один шаг: будет сделано всё или ничего.</translation>
    </message>
    <message>
        <source>{0} is revoked. Put back: {1} {2}; removed: {3}; kept for review: {4}.</source>
        <translation>{0}: ключ отозван. Возвращено {1} {2}; удалено: {3}; оставлено для проверки: {4}.</translation>
    </message>
    <message>
        <source>Add from card…</source>
        <translation>Добавить по карточке…</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>Проверить…</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Отозвать…</translation>
    </message>
    <message>
        <source>Revoke and undo what they sent since…</source>
        <translation>Отозвать и отменить присланное с…</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>Доверие</translation>
    </message>
    <message>
        <source>Revoke {0} and undo what their bundles set since {1}?

Their imports since then: {2}.
Values that go back to what they replaced: {3}; values they added that are taken out: {4}; {5}.
Records only their bundles made, removed: {6}.
Records kept for you to review (made by them and changed since or used here, or left as they are where putting their values back would break them): {7}.
Records whose protection they raised, back to what it was: {8}.</source>
        <translation>Отозвать {0} и отменить то, что его пакеты задали начиная с {1}?

Его импортов с тех пор: {2}.
Значений, возвращаемых к заменённым: {3}; добавленных им значений, которые будут убраны: {4}; всё это {5}.
Записей, созданных только его пакетами, будет удалено: {6}.
Записей, оставленных для вашей проверки (созданных им и изменённых позже или используемых здесь, либо оставленных как есть, потому что возврат его значений их испортил бы): {7}.
Записей, защиту которых он повысил, вернётся к прежней защите: {8}.</translation>
    </message>
    <message>
        <source>You sent some of these records {0}: they hold these values too; tell them.</source>
        <translation>Часть этих записей вы передали {0}: у них тоже есть эти значения — сообщите им.</translation>
    </message>
    <message>
        <source>Key changed for: {0}. Their new key is NOT verified — verification never carries over to a new key. Ask them why the key changed and compare the new safety number before you send them anything; revoke the old key if it was lost or stolen.</source>
        <translation>Ключ изменился: {0}. Новый ключ НЕ проверен — проверка никогда не переносится на новый ключ. Спросите, почему ключ изменился, и сверьте новый код безопасности, прежде чем что-либо отправлять; отзовите старый ключ, если он был утерян или украден.</translation>
    </message>
    <message>
        <source>{0} added.</source>
        <translation>{0}: добавлен.</translation>
    </message>
    <message>
        <source>{0} updated.</source>
        <translation>{0}: обновлён.</translation>
    </message>
    <message>
        <source>Not verified yet: compare the safety number, then choose Verify….</source>
        <translation>Ещё не проверен: сверьте код безопасности, затем выберите «Проверить…».</translation>
    </message>
    <message>
        <source>{0} is verified.</source>
        <translation>{0}: проверен.</translation>
    </message>
    <message>
        <source>Revoke an official</source>
        <translation>Отзыв ключа сотрудника</translation>
    </message>
    <message>
        <source>Revoke {0} ({1})? Their bundles will be refused and nothing more can be sent to this key. A revoked key can never be trusted again; if they have a new key, add their new card.</source>
        <translation>Отозвать {0} ({1})? Пакеты от него будут отклоняться, и на этот ключ больше ничего нельзя будет отправить. Отозванному ключу нельзя снова доверять; если у сотрудника новый ключ, добавьте его новую карточку.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Отозвать</translation>
    </message>
    <message>
        <source>{0} is revoked.</source>
        <translation>{0}: ключ отозван.</translation>
    </message>
    <message>
        <source>Revoke and undo</source>
        <translation>Отозвать и отменить</translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation>Обмен</translation>
    </message>
    <message>
        <source>Export a bundle…</source>
        <translation>Экспортировать пакет…</translation>
    </message>
    <message>
        <source>Import bundles…</source>
        <translation>Импортировать пакеты…</translation>
    </message>
    <message>
        <source>Trusted officials</source>
        <translation>Доверенные сотрудники</translation>
    </message>
    <message>
        <source>Import history</source>
        <translation>История импорта</translation>
    </message>
    <message>
        <source>Held changes</source>
        <translation>Ожидают решения</translation>
    </message>
    <message>
        <source>Blanked</source>
        <translation>Очищено</translation>
    </message>
    <message>
        <source>Blanked, and why</source>
        <translation>Что очищено и почему</translation>
    </message>
    <message>
        <source>Blanked: fields more sensitive than the level sent</source>
        <translation>Очищено: поля с уровнем выше передаваемого</translation>
    </message>
    <message>
        <source>Blanked: free text naming a protected person</source>
        <translation>Очищено: свободный текст с именем защищённого человека</translation>
    </message>
    <message>
        <source>Blanked: links to protected people</source>
        <translation>Очищено: ссылки на защищённых людей</translation>
    </message>
    <message>
        <source>Blanked: links to records left out</source>
        <translation>Очищено: ссылки на невключённые записи</translation>
    </message>
    <message>
        <source>Free text that names a protected person is kept.</source>
        <translation>Свободный текст с именами защищённых людей сохраняется.</translation>
    </message>
    <message>
        <source>Keep free text that names a protected person</source>
        <translation>Сохранять свободный текст, в котором назван защищённый человек</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>Не включено</translation>
    </message>
    <message>
        <source>Left out, and why</source>
        <translation>Что не включено и почему</translation>
    </message>
    <message>
        <source>Left out: above the highest sensitivity sent</source>
        <translation>Не включено: выше наивысшего передаваемого уровня</translation>
    </message>
    <message>
        <source>Left out: deleted records</source>
        <translation>Не включено: удалённые записи</translation>
    </message>
    <message>
        <source>Left out: protected people and records about them</source>
        <translation>Не включено: защищённые люди и записи о них</translation>
    </message>
    <message>
        <source>Link to the record decided the same</source>
        <translation>Ссылка на запись, признанную той же</translation>
    </message>
    <message>
        <source>List…</source>
        <translation>Список…</translation>
    </message>
    <message>
        <source>Notes, evidence, tie notes and event titles that name a protected person (in any script or spelling) are blanked unless you keep them.</source>
        <translation>Заметки, обоснования, заметки к связям и названия событий, в которых назван защищённый человек (в любом алфавите и написании), очищаются, если вы их не сохраните.</translation>
    </message>
    <message>
        <source>Nothing is blanked.</source>
        <translation>Ничего не очищено.</translation>
    </message>
    <message>
        <source>Nothing is left out.</source>
        <translation>Ничего не исключено.</translation>
    </message>
    <message>
        <source>Only protection notices: records they already hold that are now protected (no record content)</source>
        <translation>Только уведомления о защите: записи, которые у них уже есть и теперь защищены (без содержимого записей)</translation>
    </message>
    <message>
        <source>People named</source>
        <translation>Люди, названные по имени</translation>
    </message>
    <message>
        <source>People sent only as pseudonyms</source>
        <translation>Люди, переданные только под псевдонимами</translation>
    </message>
    <message>
        <source>Protection notices</source>
        <translation>Уведомления о защите</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>To: {0}. Only protection notices.</source>
        <translation>Кому: {0}. Только уведомления о защите.</translation>
    </message>
    <message>
        <source>What the bundle reveals</source>
        <translation>Что раскрывает пакет</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Почему</translation>
    </message>
    <message>
        <source>Blanked: links to records not held here</source>
        <translation>Очищено: ссылки на записи, которых здесь нет</translation>
    </message>
    <message>
        <source>About a protected person</source>
        <translation>О защищённом человеке</translation>
    </message>
    <message>
        <source>Inside Russia</source>
        <translation>В России</translation>
    </message>
    <message>
        <source>Marked protected</source>
        <translation>Отмечен как защищённый</translation>
    </message>
    <message>
        <source>The same as a protected person</source>
        <translation>Тот же человек, что и защищённый</translation>
    </message>
    <message>
        <source>Protected people</source>
        <translation>Защищённые люди</translation>
    </message>
    <message>
        <source>People inside Russia, marked protected, or decided the same as one of them, and everything that touches them:</source>
        <translation>Люди в России, отмеченные как защищённые или признанные тем же человеком, что и один из них, и всё, что их касается:</translation>
    </message>
    <message>
        <source>This bundle will name people inside Russia. If it leaks, they can be identified and imprisoned.</source>
        <translation>В этом пакете будут названы люди, находящиеся в России. При утечке их могут опознать и посадить в тюрьму.</translation>
    </message>
    <message>
        <source>I understand, and every recipient needs to know them</source>
        <translation>Я понимаю, и каждому получателю необходимо их знать</translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation>Удалить навсегда</translation>
    </message>
    <message>
        <source>Protected {0} {1}</source>
        <translation>Под защитой: {0} {1}</translation>
    </message>
    <message>
        <source>unknown official</source>
        <translation>неизвестный сотрудник</translation>
    </message>
    <message>
        <source>{0} (revoked)</source>
        <translation>{0} (отозван)</translation>
    </message>
    <message>
        <source>the sender</source>
        <translation>отправитель</translation>
    </message>
    <message>
        <source>an official you do not know</source>
        <translation>сотрудник, которого вы не знаете</translation>
    </message>
    <message>
        <source>Accept an erasure</source>
        <translation>Принять удаление навсегда</translation>
    </message>
    <message>
        <source>Erase {0} for good, as {1} asks? Every value of the record is blanked here and its history removed. This cannot be undone.</source>
        <translation>Удалить {0} навсегда, как просит {1}? Все значения записи будут стёрты здесь, а её история удалена. Отменить это нельзя.</translation>
    </message>
    <message>
        <source>an unknown official</source>
        <translation>неизвестный сотрудник</translation>
    </message>
    <message>
        <source>Erasures asked for by someone other than the record&apos;s creator, by an official you do not know, or of a record you do not hold yet, wait here. Accepting erases the record here for good; declining keeps it as it is, and the erasure stays with whoever made it.</source>
        <translation>Здесь ждут удаления навсегда, о которых просит не создатель записи или сотрудник, которого вы не знаете, и удаления записей, которых у вас ещё нет. Если принять, запись будет удалена здесь навсегда; если отклонить, запись останется как есть, а удаление останется у того, кто его сделал.</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <source>Sent by</source>
        <translation>Прислал</translation>
    </message>
    <message>
        <source>Asked for by</source>
        <translation>Просит</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Получено</translation>
    </message>
    <message>
        <source>Accept…</source>
        <translation>Принять…</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Отклонить</translation>
    </message>
    <message>
        <source>{0} erasures wait; these are the {1} oldest. Decide them first, or revoke an official who asked for many (Revoke and undo what they sent since…): what they asked for is dropped.</source>
        <translation>Ожидают решения удалений: {0}; здесь {1} самых ранних. Сначала решите по ним или отзовите сотрудника, который просит о многих («Отозвать и отменить присланное с…»): то, о чём он просил, будет снято.</translation>
    </message>
    <message>
        <source>An official this erasure rests on was revoked: it can only be declined.</source>
        <translation>Сотрудник, от которого исходит это удаление навсегда, отозван: его можно только отклонить.</translation>
    </message>
    <message>
        <source>Erased for good: {0}.</source>
        <translation>Удалено навсегда: {0}.</translation>
    </message>
    <message>
        <source>Declined: {0} stays here as it is.</source>
        <translation>Отклонено: {0} остаётся здесь как есть.</translation>
    </message>
</context>
<context>
    <name>SharingCounts</name>
    <message numerus="yes">
        <source>%Ln fields restored</source>
        <translation>
            <numerusform>восстановлено %Ln поле</numerusform>
            <numerusform>восстановлено %Ln поля</numerusform>
            <numerusform>восстановлено %Ln полей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln records deleted</source>
        <translation>
            <numerusform>удалена %Ln запись</numerusform>
            <numerusform>удалено %Ln записи</numerusform>
            <numerusform>удалено %Ln записей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln fields left as they are because they changed since</source>
        <translation>
            <numerusform>%Ln поле, изменённое с тех пор, оставлено как есть</numerusform>
            <numerusform>%Ln поля, изменённые с тех пор, оставлены как есть</numerusform>
            <numerusform>%Ln полей, изменённых с тех пор, оставлены как есть</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %Ln records</source>
        <translation>
            <numerusform>в %Ln записи</numerusform>
            <numerusform>в %Ln записях</numerusform>
            <numerusform>в %Ln записях</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln values</source>
        <translation>
            <numerusform>%Ln значение</numerusform>
            <numerusform>%Ln значения</numerusform>
            <numerusform>%Ln значений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>on to %Ln officials</source>
        <translation>
            <numerusform>%Ln сотруднику</numerusform>
            <numerusform>%Ln сотрудникам</numerusform>
            <numerusform>%Ln сотрудникам</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import %Ln bundles</source>
        <translation>
            <numerusform>Импортировать %Ln пакет</numerusform>
            <numerusform>Импортировать %Ln пакета</numerusform>
            <numerusform>Импортировать %Ln пакетов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} of %Ln files were refused and will not be imported.</source>
        <translation>
            <numerusform>Отклонено {0} из %Ln файла; отклонённые файлы не будут импортированы.</numerusform>
            <numerusform>Отклонено {0} из %Ln файлов; отклонённые файлы не будут импортированы.</numerusform>
            <numerusform>Отклонено {0} из %Ln файлов; отклонённые файлы не будут импортированы.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln age keys</source>
        <translation>
            <numerusform>%Ln ключ age</numerusform>
            <numerusform>%Ln ключа age</numerusform>
            <numerusform>%Ln ключей age</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new</source>
        <translation>
            <numerusform>%Ln новая</numerusform>
            <numerusform>%Ln новые</numerusform>
            <numerusform>%Ln новых</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln changed</source>
        <translation>
            <numerusform>%Ln изменена</numerusform>
            <numerusform>%Ln изменены</numerusform>
            <numerusform>%Ln изменено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln deleted</source>
        <translation>
            <numerusform>%Ln удалена</numerusform>
            <numerusform>%Ln удалены</numerusform>
            <numerusform>%Ln удалено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln erased</source>
        <translation>
            <numerusform>%Ln стёрта</numerusform>
            <numerusform>%Ln стёрты</numerusform>
            <numerusform>%Ln стёрто</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unchanged</source>
        <translation>
            <numerusform>%Ln без изменений</numerusform>
            <numerusform>%Ln без изменений</numerusform>
            <numerusform>%Ln без изменений</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Spreadsheet</name>
    <message>
        <source>Import spreadsheet…</source>
        <translation>Импортировать таблицу…</translation>
    </message>
    <message>
        <source>Import people and organisations from a CSV or XLSX file, with a preview and a dry run first</source>
        <translation>Импорт людей и организаций из файла CSV или XLSX — сначала с просмотром и пробным прогоном</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Новая</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Обновление</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Без изменений</translation>
    </message>
    <message>
        <source>Same as an earlier row</source>
        <translation>Совпадает с одной из предыдущих строк</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонена</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>Идентификатор записи</translation>
    </message>
    <message>
        <source>Kind (person or organisation)</source>
        <translation>Вид (человек или организация)</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>Выбрать файл…</translation>
    </message>
    <message>
        <source>No file chosen. CSV and XLSX files can be imported; headers in English or Russian are recognised.</source>
        <translation>Файл не выбран. Можно импортировать файлы CSV и XLSX; заголовки на английском и русском распознаются.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <source>Data rows</source>
        <translation>Строк данных</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>Кодировка текста</translation>
    </message>
    <message>
        <source>Delimiter</source>
        <translation>Разделитель</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Лист</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>запятая</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>точка с запятой</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>табуляция</translation>
    </message>
    <message>
        <source>Use saved mapping</source>
        <translation>Использовать сохранённое сопоставление</translation>
    </message>
    <message>
        <source>Saved mappings:</source>
        <translation>Сохранённые сопоставления:</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <source>First row</source>
        <translation>Первая строка</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Сохранено</translation>
    </message>
    <message>
        <source>a name, to reuse it next time</source>
        <translation>название, чтобы использовать его в следующий раз</translation>
    </message>
    <message>
        <source>Rows without a kind column are</source>
        <translation>Строки без столбца вида — это</translation>
    </message>
    <message>
        <source>Save mapping as</source>
        <translation>Сохранить сопоставление как</translation>
    </message>
    <message>
        <source>(ignore this column)</source>
        <translation>(пропустить этот столбец)</translation>
    </message>
    <message>
        <source>The first rows as they will be stored:</source>
        <translation>Первые строки в том виде, в каком они будут сохранены:</translation>
    </message>
    <message>
        <source>Rejected rows:</source>
        <translation>Отклонённые строки:</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Строка</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <source>The file is refused and nothing will be imported: </source>
        <translation>Файл отклонён, ничего не будет импортировано: </translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Поля</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Сохранить отчёт…</translation>
    </message>
    <message>
        <source>A CSV of every row&apos;s line number, result, record id, field names and reason; no cell contents.</source>
        <translation>CSV с номером строки, результатом, идентификатором записи, названиями полей и причиной для каждой строки; без содержимого ячеек.</translation>
    </message>
    <message>
        <source>Imported: </source>
        <translation>Импортировано: </translation>
    </message>
    <message>
        <source>Nothing was imported: </source>
        <translation>Ничего не импортировано: </translation>
    </message>
    <message>
        <source>Report saved to {0}.</source>
        <translation>Отчёт сохранён в {0}.</translation>
    </message>
    <message>
        <source>Import a spreadsheet</source>
        <translation>Импорт таблицы</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx *.txt *.tsv);;All files (*)</source>
        <translation>Таблицы (*.csv *.xlsx *.txt *.tsv);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Save the import report</source>
        <translation>Сохранение отчёта об импорте</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Импортировать</translation>
    </message>
    <message>
        <source>1. Choose the file</source>
        <translation>1. Выбор файла</translation>
    </message>
    <message>
        <source>2. Map the columns to fields</source>
        <translation>2. Сопоставление столбцов и полей</translation>
    </message>
    <message>
        <source>3. Preview and dry run: nothing is written yet</source>
        <translation>3. Просмотр и пробный прогон: пока ничего не записывается</translation>
    </message>
    <message>
        <source>4. Report</source>
        <translation>4. Отчёт</translation>
    </message>
    <message>
        <source>Back up first?</source>
        <translation>Сначала сделать резервную копию?</translation>
    </message>
    <message>
        <source>Changes to existing records, and new rows kept apart from a namesake:</source>
        <translation>Изменения в существующих записях и новые строки, отделённые от тёзки:</translation>
    </message>
    <message>
        <source>Import writes the valid rows ({0}); the rejected rows ({1}) are not written.</source>
        <translation>Импорт запишет корректные строки ({0}); отклонённые строки ({1}) записаны не будут.</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>В файле</translation>
    </message>
    <message>
        <source>In the vault</source>
        <translation>В хранилище</translation>
    </message>
    <message>
        <source>Kept apart from a namesake: both go to the duplicates review (see below)</source>
        <translation>Отделена от тёзки: обе записи идут на проверку дубликатов (см. ниже)</translation>
    </message>
    <message>
        <source>Kept apart, sent to the duplicates review</source>
        <translation>Отделена, отправлена на проверку дубликатов</translation>
    </message>
    <message>
        <source>New, beside a namesake</source>
        <translation>Новая, рядом с тёзкой</translation>
    </message>
    <message>
        <source>Nothing confirms it is the same: kept apart, sent to the duplicates review</source>
        <translation>Ничто не подтверждает, что это та же запись: отделена, отправлена на проверку дубликатов</translation>
    </message>
    <message>
        <source>The valid rows ({0}) were written; the rejected rows ({1}) were not.</source>
        <translation>Корректные строки ({0}) записаны; отклонённые строки ({1}) — нет.</translation>
    </message>
    <message>
        <source>the record of line {0}</source>
        <translation>запись строки {0}</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>обязательно</translation>
    </message>
    <message>
        <source>is not a field of a record of this kind ({0})</source>
        <translation>не является полем записи этого вида ({0})</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>должно быть списком</translation>
    </message>
    <message>
        <source>has too many items (at most {0})</source>
        <translation>слишком много элементов (не более {0})</translation>
    </message>
    <message>
        <source>is not a record id</source>
        <translation>не является идентификатором записи</translation>
    </message>
    <message>
        <source>is not a two-letter country code (for example DE)</source>
        <translation>не является двухбуквенным кодом страны (например, DE)</translation>
    </message>
    <message>
        <source>is not a region code (for example RU-SVE, UA-43)</source>
        <translation>не является кодом региона (например, RU-SVE, UA-43)</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>должно быть текстом</translation>
    </message>
    <message>
        <source>is not a sensitivity level (public, internal, confidential, protected)</source>
        <translation>не является уровнем доступа (общедоступный, внутренний, конфиденциальный, защищённый)</translation>
    </message>
    <message>
        <source>is too long (at most {0} characters)</source>
        <translation>слишком длинное (не более {0} симв.)</translation>
    </message>
    <message>
        <source>contains control characters</source>
        <translation>содержит управляющие символы</translation>
    </message>
    <message>
        <source>is not one of the values this field accepts</source>
        <translation>не входит в число допустимых значений этого поля</translation>
    </message>
    <message>
        <source>must be yes or no</source>
        <translation>должно быть «да» или «нет»</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>должно быть целым числом</translation>
    </message>
    <message>
        <source>must be at least {0}</source>
        <translation>должно быть не меньше {0}</translation>
    </message>
    <message>
        <source>must be at most {0}</source>
        <translation>должно быть не больше {0}</translation>
    </message>
    <message>
        <source>must be a date written year-month-day (2024-05-31)</source>
        <translation>должно быть датой в виде год-месяц-день (2024-05-31)</translation>
    </message>
    <message>
        <source>must be person or organisation</source>
        <translation>должно быть «человек» или «организация»</translation>
    </message>
    <message>
        <source>names a record that is not of this kind ({0})</source>
        <translation>указывает на запись другого вида (не {0})</translation>
    </message>
    <message>
        <source>names a record that was deleted or erased</source>
        <translation>указывает на удалённую или стёртую запись</translation>
    </message>
    <message>
        <source>names a record that is not a person or organisation, or that was merged into another</source>
        <translation>указывает на запись, которая не является человеком или организацией либо объединена с другой</translation>
    </message>
    <message>
        <source>fits several records; add a record id column to say which</source>
        <translation>подходит к нескольким записям; добавьте столбец с идентификатором записи, чтобы указать, к какой</translation>
    </message>
    <message>
        <source>several records have this name and nothing confirms one of them; add a record id column to say which</source>
        <translation>это имя носят несколько записей, и ничто не подтверждает одну из них; добавьте столбец с идентификатором записи, чтобы указать, какую</translation>
    </message>
    <message>
        <source>the same as line {0}</source>
        <translation>то же, что строка {0}</translation>
    </message>
    <message>
        <source>the same record as line {0}</source>
        <translation>та же запись, что в строке {0}</translation>
    </message>
    <message>
        <source>already merged into {0}</source>
        <translation>уже объединена с {0}</translation>
    </message>
    <message>
        <source>kept apart from {0} (see the duplicates review)</source>
        <translation>оставлена отдельно от {0} (см. проверку дубликатов)</translation>
    </message>
    <message>
        <source>record id not in this vault: matched by name</source>
        <translation>идентификатора записи нет в этом хранилище: сопоставлено по имени</translation>
    </message>
    <message>
        <source>protected until reviewed: a namesake in the vault is protected</source>
        <translation>защищена до проверки: тёзка в хранилище защищён</translation>
    </message>
    <message>
        <source>protection kept ({0}): lower it in the record itself</source>
        <translation>защита сохранена ({0}): снижайте её в самой записи</translation>
    </message>
    <message>
        <source>Column {0} also names “{1}”: ignored</source>
        <translation>Столбец {0} тоже указывает на «{1}»: пропущен</translation>
    </message>
    <message>
        <source>does not pass the checks</source>
        <translation>не проходит проверку</translation>
    </message>
    <message>
        <source>The file has no data rows.</source>
        <translation>В файле нет строк с данными.</translation>
    </message>
    <message>
        <source>No row could be imported (see the rejected rows).</source>
        <translation>Ни одну строку не удалось импортировать (см. отклонённые строки).</translation>
    </message>
    <message>
        <source>More than half of the rows were rejected ({0} of {1}): the file or its column mapping is probably wrong. Nothing was imported.</source>
        <translation>Отклонено больше половины строк ({0} из {1}): вероятно, файл или сопоставление столбцов неверны. Ничего не импортировано.</translation>
    </message>
    <message>
        <source>Some rows were rejected ({0}), and this import takes all rows or none.</source>
        <translation>Часть строк отклонена ({0}), а этот импорт принимает либо все строки, либо ни одной.</translation>
    </message>
</context>
<context>
    <name>SupportEditor</name>
    <message>
        <source>Support</source>
        <translation>Поддержка</translation>
    </message>
    <message>
        <source>Sensitivity level</source>
        <translation>Уровень доступа</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>Защита</translation>
    </message>
    <message>
        <source>&amp;Sensitivity</source>
        <translation>&amp;Уровень доступа</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Уровень доступа</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Ошибки</translation>
    </message>
    <message>
        <source>&amp;Provider (donor or government)</source>
        <translation>&amp;Кто оказывает (донор или государство)</translation>
    </message>
    <message>
        <source>Provider (donor or government)</source>
        <translation>Кто оказывает (донор или государство)</translation>
    </message>
    <message>
        <source>&amp;Recipient</source>
        <translation>&amp;Получатель</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Получатель</translation>
    </message>
    <message>
        <source>&amp;Kind of support</source>
        <translation>&amp;Вид поддержки</translation>
    </message>
    <message>
        <source>Kind of support</source>
        <translation>Вид поддержки</translation>
    </message>
    <message>
        <source>S&amp;tatus</source>
        <translation>С&amp;татус</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>St&amp;art</source>
        <translation>&amp;Начало</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>&amp;End</source>
        <translation>&amp;Окончание</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>A&amp;mount</source>
        <translation>Су&amp;мма</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>&amp;Currency</source>
        <translation>Вал&amp;юта</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <source>&amp;Horizon</source>
        <translation>&amp;Горизонт</translation>
    </message>
    <message>
        <source>Horizon</source>
        <translation>Горизонт</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>&amp;Заметки</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>The operation failed unexpectedly and nothing was changed. If it happens again, restart the application.</source>
        <translation>Операция неожиданно завершилась ошибкой, ничего не изменено. Если это повторится, перезапустите приложение.</translation>
    </message>
    <message>
        <source>The vault is locked.</source>
        <translation>Хранилище заблокировано.</translation>
    </message>
</context>
<context>
    <name>TieEditor</name>
    <message>
        <source>▲ Touches a protected person — the tie is protected</source>
        <translation>▲ Касается защищённого человека — связь под защитой</translation>
    </message>
    <message>
        <source>S&amp;wap the two ends</source>
        <translation>&amp;Поменять концы местами</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>Связь</translation>
    </message>
    <message>
        <source>Sensitivity level</source>
        <translation>Уровень доступа</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>Защита</translation>
    </message>
    <message>
        <source>&amp;Sensitivity</source>
        <translation>&amp;Уровень доступа</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Уровень доступа</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Ошибки</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;От</translation>
    </message>
    <message>
        <source>From</source>
        <translation>От</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;К</translation>
    </message>
    <message>
        <source>To</source>
        <translation>К</translation>
    </message>
    <message>
        <source>&amp;Kind of tie</source>
        <translation>&amp;Вид связи</translation>
    </message>
    <message>
        <source>Kind of tie</source>
        <translation>Вид связи</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Роль</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>St&amp;art</source>
        <translation>&amp;Начало</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>&amp;End</source>
        <translation>Оконч&amp;ание</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>&amp;Confidence</source>
        <translation>&amp;Достоверность</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Достоверность</translation>
    </message>
    <message>
        <source>S&amp;ource</source>
        <translation>&amp;Источник</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>&amp;Заметки</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>Swap the two ends</source>
        <translation>Поменять концы местами</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>A change of the data key was cut short before it changed anything, and was undone: the data key and the passphrase are as they were. Change them again in Vault → Change passphrase….</source>
        <translation>Смена ключа данных прервалась, ещё ничего не изменив, и отменена: ключ данных и парольная фраза остались прежними. Смените их снова (Хранилище → Сменить парольную фразу…).</translation>
    </message>
    <message>
        <source>A change of the data key was cut short earlier; it is finished now: copies of the key file made before it open nothing current.</source>
        <translation>Прерванная ранее смена ключа данных теперь завершена: копии файла ключа, сделанные до неё, не открывают ничего актуального.</translation>
    </message>
    <message>
        <source>The passphrase is the one the vault had before that change: if you were setting a new one, it was not set — set it again in Vault → Change passphrase….</source>
        <translation>Парольная фраза осталась той, что была до этой смены: если вы задавали новую, она не задана — задайте её снова (Хранилище → Сменить парольную фразу…).</translation>
    </message>
    <message>
        <source>Unlock — Registry</source>
        <translation>Разблокировка — Реестр</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>Введите парольную фразу.</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Разблокировка…</translation>
    </message>
    <message>
        <source>Wrong passphrase. Nothing was changed; try again.</source>
        <translation>Неверная парольная фраза. Ничего не изменено; попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The registry is locked.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Реестр заблокирован.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Enter the passphrase to open it.</source>
        <translation>Введите парольную фразу, чтобы открыть его.</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Парольная фраза:</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Парольная фраза</translation>
    </message>
    <message>
        <source>Unlock status</source>
        <translation>Состояние разблокировки</translation>
    </message>
    <message>
        <source>Unlocking</source>
        <translation>Разблокировка</translation>
    </message>
    <message>
        <source>Use this computer&apos;s &amp;keychain</source>
        <translation>Использовать &amp;хранилище ключей компьютера</translation>
    </message>
    <message>
        <source>Unlock with the keychain</source>
        <translation>Разблокировать с помощью хранилища ключей</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Разблокировать</translation>
    </message>
</context>
<context>
    <name>_CodeListPicker</name>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <source>%1: choose to add</source>
        <translation>%1: выберите, чтобы добавить</translation>
    </message>
    <message>
        <source>%1: chosen</source>
        <translation>%1: выбрано</translation>
    </message>
    <message>
        <source>Add to %1</source>
        <translation>Добавить в список «%1»</translation>
    </message>
    <message>
        <source>Remove from %1</source>
        <translation>Убрать из списка «%1»</translation>
    </message>
</context>
</TS>
